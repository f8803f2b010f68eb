package io.usercounter.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.Account;
import io.usercounter.app.fixture.CountingLoad;
import io.usercounter.app.fixture.ScriptedRedis;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Both modes through a redis-sentinel:// URL (mode inferred, as an unset COUNTER_REDIS_MODE does),
 * on one master, one replica and three sentinels of our own, including a forced failover under load.
 */
class SentinelTest {

    static final TestDatabase database = TestDatabase.create();
    static final ScriptedRedis sentinel = ScriptedRedis.sentinel();

    @AfterAll
    static void stopStores() {
        sentinel.close();
        database.close();
    }

    @Test
    void eventualIncrementsAndFlushAreExact() {
        try (TestReplica replica = replica("eventual", Consistency.EVENTUAL)) {
            CountingLoad load = CountingLoad.on(replica, "ev-", 8);

            load.incrementEachUser(3, 5);
            replica.flusher.flushAll();

            load.users().forEach(user -> {
                assertThat(load.mysqlCounter(database, user)).isEqualTo(15);
                assertThat(replica.counters.read(user).counter()).isEqualTo(15);
            });
            assertThat(replica.cache.unflushedUsers()).isZero();
        }
    }

    @Test
    void strongIncrementsAreExact() {
        try (TestReplica replica = replica("strong", Consistency.STRONG)) {
            CountingLoad load = CountingLoad.on(replica, "st-", 8);

            load.incrementEachUser(3, 5);

            load.users().forEach(user -> {
                assertThat(load.mysqlCounter(database, user)).isEqualTo(15);
                assertThat(replica.counters.read(user).counter()).isEqualTo(15);
            });
        }
    }

    @Test
    void strongFailoverLosesNothingAndCountsNothingTwice() {
        try (TestReplica replica = replica("strong-failover", Consistency.STRONG)) {
            CountingLoad load = CountingLoad.on(replica, "stf-", 6);

            load.runAround(this::failOver);

            assertThat(load.acknowledgedAfterDisruption()).isPositive();
            // every acknowledgement is a MySQL commit: no loss is allowed at all
            Account.settle(load.accounts(database), Collections.nCopies(load.users().size(), 0L),
                    "Sentinel failover, Strong");
        }
    }

    @Test
    void eventualFailoverWhileFlushingLosesAtMostWhatNoConfirmedFlushHeldAndCountsNothingTwice() {
        try (TestReplica replica = replica("eventual-failover", Consistency.EVENTUAL)) {
            CountingLoad load = CountingLoad.on(replica, "evf-", 6);
            load.incrementEachUser(2, 10);
            // acknowledged per user when the last flush began whose claims a replica confirmed
            AtomicReference<List<Long>> confirmed = new AtomicReference<>(List.of());
            // an earlier failover's demoted master may still be syncing, and claims wait for a replica
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> flush(replica, load, confirmed));
            AtomicReference<List<Long>> confirmedAtFailover = new AtomicReference<>();

            ScheduledExecutorService syncInterval = Executors.newSingleThreadScheduledExecutor();
            syncInterval.scheduleWithFixedDelay(() -> flushQuietly(replica, load, confirmed), 100, 100,
                    TimeUnit.MILLISECONDS);
            try {
                load.runAround(() -> {
                    confirmedAtFailover.set(confirmed.get());
                    failOver();
                });
            } finally {
                syncInterval.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);

            assertThat(load.acknowledgedAfterDisruption()).isPositive();
            // docs/consistency.md: Eventual loses only what Redis loses, here what the promoted replica had not
            // received: amounts acknowledged by attempts begun before the failover ended and not yet in a claim
            // a replica had confirmed when it began
            List<Long> allowedLoss = IntStream.range(0, load.users().size()).mapToObj(i -> Math.max(0,
                    load.acknowledgedBeforeRecovery(load.users().get(i)) - confirmedAtFailover.get().get(i))).toList();
            Account.settle(load.accounts(database), allowedLoss, "Sentinel failover while flushing, Eventual");
        }
    }


    /** A flush that completed: what was acknowledged before it began is on a replica (or in MySQL) now. */
    private static boolean flush(TestReplica replica, CountingLoad load, AtomicReference<List<Long>> confirmed) {
        List<Long> acknowledged = load.acknowledgedNow();
        replica.flusher.flushAll();
        confirmed.set(acknowledged);
        return true;
    }

    private static void flushQuietly(TestReplica replica, CountingLoad load, AtomicReference<List<Long>> confirmed) {
        try {
            flush(replica, load, confirmed);
        } catch (RuntimeException e) {
            // Redis is failing over: the claimed batches stay and the next flush retries them
        }
    }

    /** SENTINEL FAILOVER, then waits until the old master has been turned into a replica of the new one. */
    private void failOver() {
        RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + sentinel.sentinelPorts().get(0)));
        try (var connection = client.connectSentinel()) {
            InetSocketAddress before = (InetSocketAddress) connection.sync().getMasterAddrByName(sentinel.masterName());
            connection.sync().failover(sentinel.masterName());
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    !before.equals(connection.sync().getMasterAddrByName(sentinel.masterName()))
                            && roleOf(client, before).equals("slave"));
        } finally {
            client.shutdown();
        }
    }

    private static String roleOf(RedisClient client, InetSocketAddress node) {
        try (var connection = client.connect(RedisURI.create("redis://" + node.getHostString() + ":" + node.getPort()))) {
            return connection.sync().info("replication").lines().filter(line -> line.startsWith("role:"))
                    .findFirst().orElseThrow().substring("role:".length()).strip();
        }
    }

    private TestReplica replica(String prefix, Consistency mode) {
        return new TestReplica(database, sentinel.url(), null, prefix, mode, FlushHook.NONE);
    }
}
