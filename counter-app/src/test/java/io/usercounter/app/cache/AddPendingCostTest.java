package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.usercounter.app.fixture.PrivateRedis;
import io.usercounter.app.store.CounterSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What an Eventual increment costs Redis, counted on a redis-server of the test's own (no other client's
 * commands in its INFO commandstats): the commands add-pending.lua runs in the steady state and right
 * after a flush, and that a counter in use keeps its snapshot although not every increment refreshes it.
 */
class AddPendingCostTest {

    static final PrivateRedis server = new PrivateRedis();
    static final ClientResources resources = RedisConfiguration.resources();
    static final RedisLink link = new RedisLink(
            new SingleNodeTopology(resources, RedisURI.create(server.url()), Duration.ofSeconds(2), null));
    static final RedisClient client = RedisClient.create(server.url());
    static final StatefulRedisConnection<String, String> inspector = client.connect();

    @AfterAll
    static void close() {
        inspector.close();
        client.shutdown();
        link.close();
        resources.shutdown();
        server.close();
    }

    @Test
    void aSteadyIncrementReadsTheStateOnceAndWritesOnlyItsAmountAndRequestToken() {
        CounterCache cache = cache("steady", Duration.ofMinutes(10));
        int users = 50;
        int increments = 5_000;
        LongStream.range(1, users + 1).forEach(user -> {
            cache.install(new CounterSnapshot(user, 10, 1, 0));
            cache.addPending(user, 1, null);
        });

        Map<String, Long> before = commandCalls();
        double cpuBefore = cpuSeconds();
        for (int i = 0; i < increments; i++) {
            assertThat(cache.addPending(1 + i % users, 1, null)).isInstanceOf(PendingIncrement.Added.class);
        }
        double cpuAfter = cpuSeconds();
        Map<String, Long> after = commandCalls();

        Map<String, Double> perIncrement = perIncrement(before, after, increments);
        System.out.printf(
                "add-pending, steady state: %s per increment; Redis CPU %.2f µs per increment%n",
                perIncrement, (cpuAfter - cpuBefore) * 1e6 / increments);
        assertThat(perIncrement).isEqualTo(Map.of("get", 1.0, "hmget", 2.0, "pttl", 1.0, "hincrby", 1.0, "set", 1.0));
    }

    @Test
    void theFirstIncrementAfterAFlushAlsoMarksTheCounterDirtyAndRecordsItsAppliedSeq() {
        CounterCache cache = cache("after-flush", Duration.ofMinutes(10));
        cache.install(new CounterSnapshot(7, 10, 1, 0));
        cache.addPending(7, 1, null);
        ClaimedBatch batch = cache.claimUser(7);
        cache.acknowledge(
                batch,
                Map.of(7L, new CounterSnapshot(7, 11, 2, batch.entries().get(0).seq())));

        Map<String, Long> before = commandCalls();
        assertThat(cache.addPending(7, 1, null)).isEqualTo(new PendingIncrement.Added(12));
        Map<String, Double> perIncrement = perIncrement(before, commandCalls(), 1);

        assertThat(perIncrement)
                .isEqualTo(Map.of(
                        "get", 1.0, "hmget", 2.0, "pttl", 1.0, "hincrby", 1.0, "sadd", 1.0, "hsetnx", 1.0, "set", 1.0));
        assertThat(inspector.sync().sismember(cache.keys().dirty(CounterKeys.shardOf(7)), "7"))
                .isTrue();
    }

    /** The promise the per-increment PEXPIRE kept: increments go on being accepted while no flush or read installs. */
    @Test
    void aCounterInUseKeepsItsSnapshotAlthoughFewIncrementsRefreshIt() throws InterruptedException {
        CounterCache cache = cache("in-use", Duration.ofSeconds(3));
        cache.install(new CounterSnapshot(9, 0, 1, 0));
        long before = commandCalls().getOrDefault("pexpire", 0L);

        int increments = 0;
        for (long end = System.nanoTime() + Duration.ofSeconds(8).toNanos(); System.nanoTime() < end; increments++) {
            assertThat(cache.addPending(9, 1, null))
                    .as("increment %d", increments + 1)
                    .isEqualTo(new PendingIncrement.Added(increments + 1));
            Thread.sleep(100);
        }

        long refreshes = commandCalls().getOrDefault("pexpire", 0L) - before;
        assertThat(refreshes)
                .as("snapshot TTL refreshes over %d increments", increments)
                .isBetween(1L, increments / 5L);
    }

    private CounterCache cache(String prefix, Duration ttl) {
        return new CounterCache(link, new CounterKeys(prefix), ttl, Duration.ofSeconds(2), () -> 1L << 40);
    }

    /** Calls per Redis command, the script calls themselves and INFO left out. */
    private static Map<String, Double> perIncrement(Map<String, Long> before, Map<String, Long> after, int increments) {
        Map<String, Double> per = new TreeMap<>();
        after.forEach((command, calls) -> {
            long delta = calls - before.getOrDefault(command, 0L);
            if (delta > 0 && !command.equals("info") && !command.startsWith("eval")) {
                per.put(command, (double) delta / increments);
            }
        });
        return per;
    }

    private static Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        inspector
                .sync()
                .info("commandstats")
                .lines()
                .filter(line -> line.startsWith("cmdstat_"))
                .forEach(line -> {
                    String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String count = line.substring(line.indexOf("calls=") + "calls=".length());
                    calls.put(command, Long.parseLong(count.substring(0, count.indexOf(','))));
                });
        return calls;
    }

    private static double cpuSeconds() {
        return inspector
                .sync()
                .info("cpu")
                .lines()
                .filter(line -> line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:"))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()))
                .sum();
    }
}
