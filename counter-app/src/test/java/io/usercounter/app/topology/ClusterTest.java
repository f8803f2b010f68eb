package io.usercounter.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.config.RedisMode;
import io.usercounter.app.fixture.Account;
import io.usercounter.app.fixture.CountingLoad;
import io.usercounter.app.fixture.ScriptedRedis;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Both modes on a three-master Redis Cluster of our own, with the users' keys on every master. */
class ClusterTest {

    static final TestDatabase database = TestDatabase.create();
    static final ScriptedRedis cluster = ScriptedRedis.cluster();

    @AfterAll
    static void stopStores() {
        cluster.close();
        database.close();
    }

    @Test
    void eventualIncrementsAndFlushAreExactWithUsersOnAllThreeMasters() {
        String prefix = prefixSpreadOverAllMasters();
        try (TestReplica replica = replica(prefix, Consistency.EVENTUAL)) {
            CountingLoad load = CountingLoad.on(replica, "ev-", CounterKeys.SHARDS);

            load.incrementEachUser(3, 4);
            replica.flusher.flushAll();

            load.users().forEach(user -> {
                assertThat(load.mysqlCounter(database, user)).isEqualTo(12);
                assertThat(replica.counters.read(user).counter()).isEqualTo(12);
            });
            assertThat(replica.cache.unflushedUsers()).isZero();
            assertThat(keysPerMaster()).allSatisfy(keys -> assertThat(keys).isPositive());
        }
    }

    @Test
    void strongIncrementsAreExactWithUsersOnAllThreeMasters() {
        String prefix = prefixSpreadOverAllMasters();
        try (TestReplica replica = replica(prefix, Consistency.STRONG)) {
            CountingLoad load = CountingLoad.on(replica, "st-", CounterKeys.SHARDS);

            load.incrementEachUser(3, 4);

            load.users().forEach(user -> {
                assertThat(load.mysqlCounter(database, user)).isEqualTo(12);
                assertThat(replica.counters.read(user).counter()).isEqualTo(12);
            });
        }
    }

    @Test
    void eventualIncrementsThroughDroppedConnectionsLoseNothingAndCountNothingTwice() {
        String prefix = prefixSpreadOverAllMasters();
        try (TestReplica replica = replica(prefix, Consistency.EVENTUAL)) {
            CountingLoad load = CountingLoad.on(replica, "drop-", CounterKeys.SHARDS);
            ScheduledExecutorService syncInterval = Executors.newSingleThreadScheduledExecutor();
            syncInterval.scheduleWithFixedDelay(() -> flushQuietly(replica), 100, 100, TimeUnit.MILLISECONDS);
            try {
                load.runAround(ClusterTest::dropEveryClientConnectionRepeatedly);
            } finally {
                syncInterval.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);

            assertThat(load.acknowledgedAfterDisruption()).isPositive();
            assertThat(replica.cache.unflushedUsers()).isZero();
            // Redis kept all its data: a command re-sent after a reconnect must not count twice, none may be lost
            Account.settle(
                    load.accounts(database),
                    Collections.nCopies(load.users().size(), 0L),
                    "Cluster, connections dropped under load, Eventual");
        }
    }

    /** CLIENT KILL of every client connection on every master, five times: Lettuce reconnects and re-sends. */
    private static void dropEveryClientConnectionRepeatedly() {
        for (int round = 0; round < 5; round++) {
            cluster.nodePorts()
                    .forEach(port -> withNode(port, commands -> commands.clientKill(KillArgs.Builder.typeNormal())));
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
    }

    private static void flushQuietly(TestReplica replica) {
        try {
            replica.flusher.flushAll();
        } catch (RuntimeException e) {
            // a dropped connection: the claimed batches stay and the next flush retries them
        }
    }

    /** 16 shard tags hash to random slots: pick a prefix whose tags land on every master. */
    private static String prefixSpreadOverAllMasters() {
        List<int[]> ranges = slotRangesPerMaster();
        while (true) {
            String prefix = "ucc" + UUID.randomUUID().toString().substring(0, 8);
            CounterKeys keys = new CounterKeys(prefix);
            long masters = ranges.stream()
                    .filter(range -> IntStream.range(0, CounterKeys.SHARDS)
                            .map(shard -> SlotHash.getSlot(keys.tag(shard)))
                            .anyMatch(slot -> slot >= range[0] && slot <= range[1]))
                    .count();
            if (masters == ranges.size()) {
                return prefix;
            }
        }
    }

    /** redis-cli --cluster create gives each master one contiguous range. */
    private static List<int[]> slotRangesPerMaster() {
        return cluster.nodePorts().stream()
                .map(port -> withNode(port, commands -> {
                    String myself = commands.clusterMyId();
                    for (Object slotRange : commands.clusterSlots()) {
                        List<?> range = (List<?>) slotRange;
                        List<?> master = (List<?>) range.get(2);
                        if (myself.equals(String.valueOf(master.get(2)))) {
                            return new int[] {((Long) range.get(0)).intValue(), ((Long) range.get(1)).intValue()};
                        }
                    }
                    throw new IllegalStateException("node " + port + " serves no slots");
                }))
                .toList();
    }

    private static List<Long> keysPerMaster() {
        return cluster.nodePorts().stream()
                .map(port -> withNode(port, commands -> commands.dbsize()))
                .toList();
    }

    private static <T> T withNode(int port, Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (var connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    private TestReplica replica(String prefix, Consistency mode) {
        return new TestReplica(database, cluster.url(), RedisMode.CLUSTER, prefix, mode, FlushHook.NONE);
    }
}
