package io.usercounter.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.config.CounterProperties;
import io.usercounter.app.counter.UserNotFoundException;
import io.usercounter.app.fixture.CountingLoad;
import io.usercounter.app.fixture.ScriptedRedis;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flush claims (and deletes, whose tombstone a failover must not lose) on a Sentinel set with two replicas:
 * each claim and its WAIT run on a connection of their own, and wait for every replica the configuration asks for (unset: every connected one).
 */
class ConfirmedClaimsTest {

    static final TestDatabase database = TestDatabase.create();
    static final ScriptedRedis sentinel = ScriptedRedis.sentinel(2);
    static final RedisClient master = RedisClient.create("redis://127.0.0.1:" + sentinel.masterPort());
    static final RedisCommands<String, String> onMaster = master.connect().sync();

    @AfterAll
    static void stopStores() {
        master.shutdown();
        sentinel.close();
        database.close();
    }

    /** A test that stopped replicas leaves them running, but they may still be catching up. */
    @BeforeEach
    void bothReplicasInSync() {
        await().atMost(Duration.ofSeconds(20)).until(() -> onMaster.waitForReplication(2, 100) == 2);
    }

    @Test
    void incrementsAndReadsAnswerAtOnceWhileAClaimWaitsForStoppedReplicas() {
        try (TestReplica replica = replica("blocked", null)) {
            CountingLoad load = CountingLoad.on(replica, "blocked-", 4);
            load.incrementEachUser(1, 1);
            long user = load.users().get(0);
            AtomicBoolean flushing = new AtomicBoolean(true);
            Thread flushes = new Thread(
                    () -> {
                        while (flushing.get()) {
                            flushQuietly(replica);
                        }
                    },
                    "flushes");
            sentinel.replicaPorts().forEach(sentinel::pause);
            flushes.start();
            List<Long> millis = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    await().atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(2))
                            .until(this::aClientIsBlockedInWait);
                    long started = System.nanoTime();
                    replica.counters.increment(user, 1, null);
                    replica.counters.read(user);
                    millis.add((System.nanoTime() - started) / 1_000_000);
                }
            } finally {
                flushing.set(false);
                sentinel.replicaPorts().forEach(sentinel::resume);
                join(flushes);
            }
            System.out.println("increment + read while a claim was blocked in WAIT, ms: " + millis);
            // the WAIT lasts 200 ms: behind it on one connection, most of that would be spent waiting
            assertThat(millis.stream().sorted().toList().get(millis.size() / 2)).isLessThan(100);
        }
    }

    @Test
    void aClaimIsRefusedWhileOneOfTwoReplicasIsStopped() {
        try (TestReplica replica = replica("one-stopped", null)) {
            CountingLoad load = CountingLoad.on(replica, "one-stopped-", 4);
            load.incrementEachUser(1, 3);

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                assertThatThrownBy(replica.flusher::flushAll)
                        .isInstanceOf(CacheUnavailableException.class)
                        .hasMessageContaining("confirmed by 1 of 2 required replicas");
                load.users()
                        .forEach(user ->
                                assertThat(load.mysqlCounter(database, user)).isZero());
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }

            // the refused batches stayed claimed: the next flush applies each once
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> replica.flusher.flushAll() != null);
            load.users()
                    .forEach(user ->
                            assertThat(load.mysqlCounter(database, user)).isEqualTo(3));
        }
    }

    @Test
    void claimsOfEveryShardAtOnceAreEachRefusedForTheirOwnReplicas() throws InterruptedException {
        try (TestReplica replica = replica("all-shards", null)) {
            CountingLoad load = CountingLoad.on(replica, "all-shards-", 64);
            load.incrementEachUser(1, 1);
            List<String> refusals = Collections.synchronizedList(new ArrayList<>());

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                // as a flush cycle does: several shards claim at once over the one claim connection
                List<Thread> claims = new ArrayList<>();
                for (int shard = 0; shard < CounterKeys.SHARDS; shard++) {
                    int current = shard;
                    claims.add(Thread.ofPlatform().start(() -> {
                        try {
                            replica.cache.claim(current, 1_000);
                            refusals.add("claimed");
                        } catch (CacheUnavailableException e) {
                            refusals.add(e.getMessage());
                        }
                    }));
                }
                for (Thread claim : claims) {
                    claim.join();
                }
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }

            assertThat(refusals)
                    .hasSize(CounterKeys.SHARDS)
                    .allSatisfy(refusal -> assertThat(refusal).contains("confirmed by 1 of 2 required replicas"));
        }
    }

    @Test
    void aRetriedDeleteIsNotAnsweredAsDoneUntilTheReplicasHoldItsTombstone() {
        try (TestReplica replica = replica("delete-retried-stopped", null)) {
            long user = replica.createUser("delete-retried-stopped");
            replica.counters.increment(user, 2, null);

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                assertThatThrownBy(() -> replica.users.delete(user)).isInstanceOf(CacheUnavailableException.class);
                // the master dropped the user already, the stopped replica has not: a failover to it brings the
                // user back, so the retry's 404 must wait for the replicas too
                assertThatThrownBy(() -> replica.users.delete(user)).isInstanceOf(CacheUnavailableException.class);
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }
        }
    }

    @Test
    void aSetIsRefusedUntilTheReplicasHoldItsFence() {
        try (TestReplica replica = replica("set-stopped", null)) {
            long user = replica.createUser("set-stopped");
            replica.counters.increment(user, 2, null);

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                // a failover to that replica would issue seqs at or below the fence: MySQL would drop them
                assertThatThrownBy(() -> replica.counters.set(user, 100)).isInstanceOf(CacheUnavailableException.class);
                assertThat(replica.users.find(user).stored().counter()).isZero();
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }
        }
    }

    @Test
    void aCacheRepairStaysRecordedUntilTheReplicasHoldIt() {
        try (TestReplica replica = replica("repair-stopped", null)) {
            long user = replica.createUser("repair-stopped");
            replica.counters.read(user);
            replica.repairs.add(user);

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                replica.repairs.repair();
                // a failover to the stopped replica would bring the stale snapshot back: not a finished repair
                assertThat(recordedRepairs(user)).isEqualTo(1);
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                replica.repairs.repair();
                assertThat(recordedRepairs(user)).isZero();
            });
            assertThat(onMaster.exists(replica.cache.keys().snapshot(user))).isZero();
        }
    }

    private static long recordedRepairs(long user) {
        return database.queryLong("SELECT COUNT(*) FROM cache_repairs WHERE user_id = " + user);
    }

    @Test
    void aClaimWaitsOnlyForTheReplicasTheSettingAsksFor() {
        try (TestReplica replica = replica("setting-one", 1)) {
            CountingLoad load = CountingLoad.on(replica, "setting-one-", 4);
            load.incrementEachUser(1, 3);

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                replica.flusher.flushAll();
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }

            load.users()
                    .forEach(user ->
                            assertThat(load.mysqlCounter(database, user)).isEqualTo(3));
        }
    }

    @Test
    void anEventualDeleteIsNotAnsweredAsDoneUntilTheReplicasHoldItsTombstone() {
        try (TestReplica replica = replica("delete-stopped", null)) {
            long user = replica.createUser("delete-stopped");
            replica.counters.increment(user, 2, null);

            sentinel.pause(sentinel.replicaPorts().get(0));
            try {
                // a failover to that replica would bring the user back into the cache: not a finished delete
                assertThatThrownBy(() -> replica.users.delete(user))
                        .isInstanceOf(CacheUnavailableException.class)
                        .hasMessageContaining("confirmed by 1 of 2 required replicas");
            } finally {
                sentinel.resume(sentinel.replicaPorts().get(0));
            }

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                assertThatThrownBy(() -> replica.users.delete(user)).isInstanceOf(UserNotFoundException.class);
                return true;
            });
            assertThatThrownBy(() -> replica.counters.read(user)).isInstanceOf(UserNotFoundException.class);
        }
    }

    /** CLIENT LIST names a connection blocked in WAIT with the flag b and its last command. */
    private boolean aClientIsBlockedInWait() {
        return onMaster.clientList()
                .lines()
                .anyMatch(line -> line.contains(" cmd=wait")
                        && line.replaceAll(".* flags=(\\S*) .*", "$1").contains("b"));
    }

    private static void flushQuietly(TestReplica replica) {
        try {
            replica.flusher.flushAll();
        } catch (RuntimeException e) {
            // refused claims: the batches stay claimed for the next flush
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param replicasToConfirm COUNTER_REDIS_REPLICAS_TO_CONFIRM, null for unset */
    private static TestReplica replica(String prefix, Integer replicasToConfirm) {
        return new TestReplica(
                database,
                new CounterProperties(
                        Consistency.EVENTUAL,
                        Duration.ofSeconds(30),
                        sentinel.url(),
                        prefix,
                        Duration.ofMillis(500),
                        Duration.ofMinutes(10),
                        null,
                        replicasToConfirm),
                FlushHook.NONE);
    }
}
