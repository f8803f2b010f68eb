package io.usercounter.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
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
            // an earlier test's demoted master may still be syncing: until it is, claims are refused
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);

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

            load.runAround(() -> failOver(load));

            assertThat(load.acknowledgedAfterDisruption()).isPositive();
            // every acknowledgement is a MySQL commit: no loss is allowed at all
            Account.settle(
                    load.accounts(database), Collections.nCopies(load.users().size(), 0L), "Sentinel failover, Strong");
        }
    }

    @Test
    void eventualFailoverWhileFlushingLosesOnlyWhatTheOldMasterTookAfterItsReplicaAndCountsNothingTwice() {
        try (TestReplica replica = replica("eventual-failover", Consistency.EVENTUAL)) {
            CountingLoad load = CountingLoad.on(replica, "evf-", 6);
            load.incrementEachUser(2, 10);
            // an earlier failover's demoted master may still be syncing, and claims wait for a replica
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);
            AtomicReference<List<Long>> replicated = new AtomicReference<>();

            ScheduledExecutorService syncInterval = Executors.newSingleThreadScheduledExecutor();
            syncInterval.scheduleWithFixedDelay(() -> flushQuietly(replica), 100, 100, TimeUnit.MILLISECONDS);
            try {
                load.runAround(() -> replicated.set(failOver(load)));
            } finally {
                syncInterval.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);

            assertThat(load.acknowledgedAfterDisruption()).isPositive();
            assertThat(replica.cache.unflushedUsers()).isZero();
            // docs/consistency.md: Eventual loses only what Redis loses; in a Sentinel failover, what the old
            // master took that the promoted replica never got: at most the increments acknowledged after the
            // replica last confirmed holding every write, by attempts begun before the old master was demoted
            List<Long> allowedLoss = IntStream.range(0, load.users().size())
                    .mapToObj(i -> load.acknowledgedBeforeRecovery(load.users().get(i))
                            - replicated.get().get(i))
                    .toList();
            Account.settle(load.accounts(database), allowedLoss, "Sentinel failover while flushing, Eventual");
        }
    }

    private static void flushQuietly(TestReplica replica) {
        try {
            replica.flusher.flushAll();
        } catch (RuntimeException e) {
            // Redis is failing over: the claimed batches stay and the next flush retries them
        }
    }

    /**
     * SENTINEL FAILOVER under the load; once the sentinels name the new master, demotes the old one as
     * Sentinel itself does only seconds later (REPLICAOF, then CLIENT KILL so that clients ask the
     * sentinels again). Until then the old master takes writes the new one never gets: the shorter that
     * window, the less Redis loses, and the less a loss can hide an amount counted twice.
     *
     * @return the load's acknowledged increments per user when the replica last confirmed holding every
     *         write of the old master (a write of ours, then WAIT): only those acknowledged later can be lost
     */
    private List<Long> failOver(CountingLoad load) {
        RedisClient client = RedisClient.create(
                RedisURI.create("redis://127.0.0.1:" + sentinel.sentinelPorts().get(0)));
        try (var sentinels = client.connectSentinel()) {
            InetSocketAddress before = (InetSocketAddress) sentinels.sync().getMasterAddrByName(sentinel.masterName());
            try (var oldMaster = client.connect(uriOf(before))) {
                AtomicReference<List<Long>> replicated = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(15)).until(() -> mark(load, oldMaster.sync(), replicated));
                sentinels.sync().failover(sentinel.masterName());
                InetSocketAddress after = await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(20))
                        .until(
                                () -> {
                                    mark(load, oldMaster.sync(), replicated);
                                    return (InetSocketAddress)
                                            sentinels.sync().getMasterAddrByName(sentinel.masterName());
                                },
                                master -> !before.equals(master));
                oldMaster.sync().replicaof(after.getHostString(), after.getPort());
                oldMaster.sync().clientKill(KillArgs.Builder.typeNormal());
                await().atMost(Duration.ofSeconds(20))
                        .ignoreExceptions()
                        .until(() -> roleOf(client, before).equals("slave"));
                return replicated.get();
            }
        } finally {
            client.shutdown();
        }
    }

    /**
     * Writes a mark on the old master and WAITs for the replica: if it confirms, it holds every write made
     * before, so every increment acknowledged so far, and {@code replicated} takes the load's counts.
     */
    private static boolean mark(
            CountingLoad load, RedisCommands<String, String> master, AtomicReference<List<Long>> replicated) {
        List<Long> acknowledged = load.acknowledgedNow();
        master.set("sentinel-test:replication-mark", Long.toString(System.nanoTime()));
        if (master.waitForReplication(1, 100) < 1) {
            return false;
        }
        replicated.set(acknowledged);
        return true;
    }

    private static RedisURI uriOf(InetSocketAddress node) {
        return RedisURI.create("redis://" + node.getHostString() + ":" + node.getPort());
    }

    private static String roleOf(RedisClient client, InetSocketAddress node) {
        try (var connection = client.connect(uriOf(node))) {
            return connection
                    .sync()
                    .info("replication")
                    .lines()
                    .filter(line -> line.startsWith("role:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("role:".length())
                    .strip();
        }
    }

    private TestReplica replica(String prefix, Consistency mode) {
        return new TestReplica(database, sentinel.url(), null, prefix, mode, FlushHook.NONE);
    }
}
