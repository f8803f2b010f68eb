package io.usercounter.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.config.CounterProperties;
import io.usercounter.app.config.RedisMode;
import io.usercounter.app.fixture.Account;
import io.usercounter.app.fixture.CountingLoad;
import io.usercounter.app.fixture.ScriptedRedis;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Eventual mode on a six-node Cluster of our own (three masters, each with one replica): a claim waits for
 * the replica of its slot's master, and a failover to a replica counts nothing twice.
 */
class ClusterFailoverTest {

    static final TestDatabase database = TestDatabase.create();
    static final ScriptedRedis cluster = ScriptedRedis.clusterWithReplicas();

    @AfterAll
    static void stopStores() {
        cluster.close();
        database.close();
    }

    @Test
    void aClaimWaitsForTheReplicaOfItsSlotsMasterOnly() {
        String prefix = prefixSpreadOverAllMasters();
        CounterKeys keys = new CounterKeys(prefix);
        try (TestReplica replica = replica(prefix)) {
            List<Long> users = IntStream.range(0, CounterKeys.SHARDS)
                    .mapToObj(i -> replica.createUser("w-" + i))
                    .toList();
            users.forEach(user -> replica.counters.increment(user, 1, null));
            Shard stopped = shardOf(keys, users.get(0));
            int other = IntStream.range(0, CounterKeys.SHARDS)
                    .filter(shard -> !shardOf(keys, users.get(shard)).master().equals(stopped.master()))
                    .findFirst()
                    .orElseThrow();

            cluster.pause(stopped.replicaPort());
            try {
                assertThatThrownBy(() -> replica.cache.claim(CounterKeys.shardOf(users.get(0)), 10))
                        .isInstanceOf(CacheUnavailableException.class)
                        .hasMessageContaining("confirmed by 0 of 1 required replicas");
                assertThat(replica.cache
                                .claim(CounterKeys.shardOf(users.get(other)), 10)
                                .entries())
                        .hasSize(1);
            } finally {
                cluster.resume(stopped.replicaPort());
            }
        }
    }

    @Test
    void eventualFailoverToAReplicaWhileFlushingCountsNothingTwice() {
        String prefix = prefixSpreadOverAllMasters();
        try (TestReplica replica = replica(prefix)) {
            CountingLoad load = CountingLoad.on(replica, "cf-", 6);
            load.incrementEachUser(2, 10);
            AtomicReference<List<Long>> confirmed = new AtomicReference<>(List.of());
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> flush(replica, load, confirmed));
            AtomicReference<List<Long>> confirmedAtFailover = new AtomicReference<>();
            Shard failedOver = shardOf(new CounterKeys(prefix), load.users().get(0));

            ScheduledExecutorService syncInterval = Executors.newSingleThreadScheduledExecutor();
            syncInterval.scheduleWithFixedDelay(
                    () -> flushQuietly(replica, load, confirmed), 100, 100, TimeUnit.MILLISECONDS);
            try {
                load.runAround(() -> {
                    confirmedAtFailover.set(confirmed.get());
                    failOver(failedOver);
                });
            } finally {
                syncInterval.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);

            assertThat(load.acknowledgedAfterDisruption()).isPositive();
            assertThat(role(failedOver.replicaPort())).isEqualTo("master");
            // only what the promoted replica had not received may be lost: amounts acknowledged by attempts begun
            // before the failover ended and not yet in a claim the replicas had confirmed when it began
            List<Long> allowedLoss = IntStream.range(0, load.users().size())
                    .mapToObj(i -> Math.max(
                            0,
                            load.acknowledgedBeforeRecovery(load.users().get(i))
                                    - confirmedAtFailover.get().get(i)))
                    .toList();
            Account.settle(load.accounts(database), allowedLoss, "Cluster failover while flushing, Eventual");
        }
    }

    /**
     * A replica cut off from its master misses a claim and is promoted (CLUSTER FAILOVER TAKEOVER while the
     * master is stopped): with COUNTER_REDIS_REPLICAS_TO_CONFIRM=1 the claim must not have reached MySQL. The
     * promoted replica still has the amounts pending and claims them again, and a user added to the shard's
     * pending set first shifts the others to higher seqs, which MySQL's fence would take as new batches.
     */
    @Test
    void aReplicaPromotedWithoutAClaimCountsNothingTwice() {
        String prefix = prefixSpreadOverAllMasters();
        CounterKeys keys = new CounterKeys(prefix);
        try (TestReplica replica = replica(prefix, 1)) {
            List<Long> created = IntStream.range(0, 3 * CounterKeys.SHARDS)
                    .mapToObj(i -> replica.createUser("t-" + i))
                    .toList();
            int shard = CounterKeys.shardOf(created.get(0));
            List<Long> users = created.stream()
                    .filter(user -> CounterKeys.shardOf(user) == shard)
                    .sorted()
                    .toList();
            Shard serving = shardOf(keys, users.get(0));
            int masterPort = portOf(serving.master());
            for (long user : users.subList(1, 3)) {
                for (int i = 0; i < 3; i++) {
                    replica.counters.increment(user, 1, null);
                }
            }
            // a write on the master that its replica confirms: every earlier write is there too
            long confirmedBy = withNode(masterPort, commands -> {
                commands.set(keys.tag(shard) + ":probe", "1");
                return commands.waitForReplication(1, 5_000);
            });
            assertThat(confirmedBy).isEqualTo(1);

            // stopped, and its link closed by the master: what the master writes now never reaches it
            cluster.pause(serving.replicaPort());
            withNode(masterPort, commands -> commands.clientKill(KillArgs.Builder.typeSlave()));
            try {
                replica.flusher.flushAll();
            } catch (RuntimeException refused) {
                // the claim of the stopped replica's master is refused: its batches stay claimed there
            } finally {
                cluster.pause(masterPort);
                cluster.resume(serving.replicaPort());
            }
            try {
                withNode(serving.replicaPort(), commands -> commands.clusterFailover(false, true));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> role(serving.replicaPort()).equals("master"));
                long attempted = 0;
                long unknown = 0;
                while (true) {
                    attempted++;
                    try {
                        replica.counters.increment(users.get(0), 1, null);
                        break;
                    } catch (RuntimeException e) {
                        unknown++; // timed out on the stopped master, or not yet routed to the new one
                    }
                }
                // the old master comes back as the new master's replica: claims there have a replica to confirm them
                cluster.resume(masterPort);
                awaitDemoted(masterPort);
                await().atMost(Duration.ofSeconds(40))
                        .ignoreExceptions()
                        .until(() -> replica.flusher.flushAll() != null);

                Account.settle(
                        List.of(
                                new Account(
                                        "user " + users.get(0) + " (after the takeover)",
                                        attempted,
                                        1,
                                        0,
                                        unknown,
                                        mysqlCounter(users.get(0))),
                                new Account("user " + users.get(1), 3, 3, 0, 0, mysqlCounter(users.get(1))),
                                new Account("user " + users.get(2), 3, 3, 0, 0, mysqlCounter(users.get(2)))),
                        List.of(0L, 0L, 0L),
                        "Cluster takeover by a replica that missed a claim");
            } finally {
                cluster.resume(masterPort);
            }
        }
    }

    /** The old master learns it was replaced, and syncs from the new one as its replica. */
    private static void awaitDemoted(int port) {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> role(port).equals("slave")
                        && withNode(port, commands -> commands.info("replication"))
                                .contains("master_link_status:up")
                        && cluster.nodePorts().stream()
                                .allMatch(node -> withNode(node, RedisCommands::clusterInfo)
                                        .contains("cluster_state:ok")));
    }

    private static long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }

    /** The port of a node by its id, from CLUSTER NODES (id host:port@bus flags ...). */
    private static int portOf(String nodeId) {
        return withNode(cluster.nodePorts().get(0), RedisCommands::clusterNodes)
                .lines()
                .filter(line -> line.startsWith(nodeId + " "))
                .map(line -> line.split(" ")[1])
                .map(address -> Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@'))))
                .findFirst()
                .orElseThrow();
    }

    /** The master and replica serving a user's shard when the test began. */
    record Shard(String master, int replicaPort) {}

    /** A flush whose claims all were confirmed: what was acknowledged before it began is safe in MySQL. */
    private static boolean flush(TestReplica replica, CountingLoad load, AtomicReference<List<Long>> confirmed) {
        List<Long> before = load.acknowledgedNow();
        replica.flusher.flushAll();
        confirmed.set(before);
        return true;
    }

    private static void flushQuietly(TestReplica replica, CountingLoad load, AtomicReference<List<Long>> confirmed) {
        try {
            flush(replica, load, confirmed);
        } catch (RuntimeException e) {
            // a slot is moving or a claim was refused: the claimed batches stay and the next flush retries them
        }
    }

    /** CLUSTER FAILOVER on the replica, then waits until it is the master and every node agrees the cluster is ok. */
    private static void failOver(Shard shard) {
        withNode(shard.replicaPort(), commands -> commands.clusterFailover(false));
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> role(shard.replicaPort()).equals("master")
                        && cluster.nodePorts().stream()
                                .allMatch(port -> withNode(port, RedisCommands::clusterInfo)
                                        .contains("cluster_state:ok")));
    }

    private static String role(int port) {
        return withNode(port, commands -> commands.info("replication"))
                .lines()
                .filter(line -> line.startsWith("role:"))
                .findFirst()
                .orElseThrow()
                .substring("role:".length())
                .strip();
    }

    private static Shard shardOf(CounterKeys keys, long user) {
        int slot = SlotHash.getSlot(keys.tag(CounterKeys.shardOf(user)));
        return slotRanges().stream()
                .filter(range -> slot >= range.start() && slot <= range.end())
                .map(range -> new Shard(range.master(), range.replicaPort()))
                .findFirst()
                .orElseThrow();
    }

    /** 16 shard tags hash to random slots: pick a prefix whose tags land on every master. */
    private static String prefixSpreadOverAllMasters() {
        List<SlotRange> ranges = slotRanges();
        while (true) {
            String prefix = "ucf" + UUID.randomUUID().toString().substring(0, 8);
            CounterKeys keys = new CounterKeys(prefix);
            long masters = ranges.stream()
                    .filter(range -> IntStream.range(0, CounterKeys.SHARDS)
                            .map(shard -> SlotHash.getSlot(keys.tag(shard)))
                            .anyMatch(slot -> slot >= range.start() && slot <= range.end()))
                    .count();
            if (masters == ranges.size()) {
                return prefix;
            }
        }
    }

    record SlotRange(int start, int end, String master, int replicaPort) {}

    /**
     * CLUSTER SLOTS: each range with its master (host, port, id) and then its replicas; on a busy machine a
     * replica may not be listed yet right after the cluster formed, so this waits until each range has one.
     */
    private static List<SlotRange> slotRanges() {
        AtomicReference<List<SlotRange>> ranges = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            ranges.set(currentSlotRanges());
            return true;
        });
        return ranges.get();
    }

    private static List<SlotRange> currentSlotRanges() {
        return withNode(
                cluster.nodePorts().get(0),
                commands -> commands.clusterSlots().stream()
                        .map(slotRange -> {
                            List<?> range = (List<?>) slotRange;
                            List<?> master = (List<?>) range.get(2);
                            List<?> replica = (List<?>) range.get(3);
                            return new SlotRange(
                                    ((Long) range.get(0)).intValue(),
                                    ((Long) range.get(1)).intValue(),
                                    String.valueOf(master.get(2)),
                                    ((Long) replica.get(1)).intValue());
                        })
                        .toList());
    }

    private static <T> T withNode(int port, Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (var connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    private static TestReplica replica(String prefix) {
        return replica(prefix, null);
    }

    /** @param replicasToConfirm COUNTER_REDIS_REPLICAS_TO_CONFIRM, null for unset */
    private static TestReplica replica(String prefix, Integer replicasToConfirm) {
        return new TestReplica(
                database,
                new CounterProperties(
                        Consistency.EVENTUAL,
                        Duration.ofSeconds(30),
                        cluster.url(),
                        prefix,
                        Duration.ofMillis(500),
                        Duration.ofMinutes(10),
                        RedisMode.CLUSTER,
                        replicasToConfirm),
                FlushHook.NONE);
    }
}
