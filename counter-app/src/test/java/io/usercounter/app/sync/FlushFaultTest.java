package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.Load;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.store.IdempotencyKeyReusedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Eventual flush under failure, with replicas wired by hand on one database and key prefix:
 * a replica dying between any two steps, replicas flushing at once, and a switch of mode.
 */
class FlushFaultTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();

    TestReplica healthy;

    @BeforeEach
    void startReplica() {
        healthy = new TestReplica(database, redis, Consistency.EVENTUAL);
    }

    @AfterEach
    void stopReplica() {
        healthy.close();
    }

    @AfterAll
    static void dropStores() {
        redis.close();
        database.close();
    }

    @Test
    void batchLeftByAReplicaThatDiedAfterTheClaimIsAppliedOnceByAnother() {
        assertReplicaDyingAtIsHarmless(FlushStep.CLAIMED, 0);
    }

    @Test
    void batchLeftByAReplicaThatDiedBeforeTheCommitIsAppliedOnceByAnother() {
        assertReplicaDyingAtIsHarmless(FlushStep.APPLYING, 0);
    }

    @Test
    void batchLeftByAReplicaThatDiedAfterTheCommitBeforeTheAckIsNotAppliedTwice() {
        assertReplicaDyingAtIsHarmless(FlushStep.COMMITTED, 10);
    }

    private void assertReplicaDyingAtIsHarmless(FlushStep step, long mysqlAfterCrash) {
        long user = healthy.createUser(step.name().toLowerCase() + "-victim");
        healthy.counters.increment(user, 10, null);
        try (TestReplica dying = new TestReplica(database, redis, Consistency.EVENTUAL, dieAt(step))) {
            assertThatThrownBy(dying.flusher::flushAll).hasMessage("replica died at " + step);
        }
        long mysqlAfter = mysqlCounter(user);
        long visibleAfter = healthy.counters.read(user).counter();
        healthy.counters.increment(user, 1, null);

        healthy.flusher.flushAll();
        healthy.flusher.flushAll();

        assertThat(mysqlAfter).isEqualTo(mysqlAfterCrash);
        assertThat(visibleAfter).isEqualTo(10);
        assertThat(mysqlCounter(user)).isEqualTo(11);
        assertThat(healthy.counters.read(user).counter()).isEqualTo(11);
        assertThat(healthy.cache.unflushedUsers()).isZero();
    }

    @Test
    void oneFlushFinishesALeftBatchAndWhatWasAddedBehindIt() {
        long user = healthy.createUser("behind-a-left-batch");
        healthy.counters.increment(user, 1, null);
        try (TestReplica dying = new TestReplica(database, redis, Consistency.EVENTUAL, dieAt(FlushStep.CLAIMED))) {
            assertThatThrownBy(dying.flusher::flushAll).hasMessage("replica died at CLAIMED");
        }
        healthy.counters.increment(user, 1, null);

        healthy.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(2);
        assertThat(healthy.cache.unflushedUsers()).isZero();
    }

    @Test
    void twoReplicasFlushingAtOnceWhileIncrementsGoOnCountEachIncrementOnce() {
        List<Long> users = createUsers("race-", 5);
        try (TestReplica other = new TestReplica(database, redis, Consistency.EVENTUAL)) {
            AtomicBoolean incrementing = new AtomicBoolean(true);
            // threads 0-3 add 1 to every user 50 times; threads 4 and 5 flush from two replicas meanwhile
            Load.onThreads(6, thread -> {
                if (thread < 4) {
                    for (int round = 0; round < 50; round++) {
                        users.forEach(user -> healthy.counters.increment(user, 1, null));
                    }
                    incrementing.set(false);
                } else {
                    TestReplica flushing = thread == 4 ? healthy : other;
                    while (incrementing.get()) {
                        flushing.flusher.flushAll();
                    }
                }
            });
            other.flusher.flushAll();
        }

        users.forEach(user -> {
            assertThat(mysqlCounter(user)).isEqualTo(200);
            assertThat(healthy.counters.read(user).counter()).isEqualTo(200);
        });
    }

    @Test
    void strongReplicaFinishesWhatEventualReplicasLeftSoAModeSwitchLosesNothing() {
        List<Long> users = createUsers("switch-", 3);
        users.forEach(user -> healthy.counters.increment(user, 7, null));
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            users.forEach(user -> strong.counters.increment(user, 2, null));
            List<Long> visibleDuringSwitch = users.stream()
                    .map(user -> strong.counters.read(user).counter())
                    .toList();

            strong.flusher.flushAll();

            assertThat(visibleDuringSwitch).containsOnly(9L);
            users.forEach(user -> {
                assertThat(mysqlCounter(user)).isEqualTo(9);
                assertThat(strong.counters.read(user).counter()).isEqualTo(9);
            });
        }
        assertThat(healthy.cache.unflushedUsers()).isZero();
    }

    @Test
    void retryOnAStrongReplicaOfAnIncrementAnEventualReplicaAnsweredCountsOnce() {
        long user = createUsers("retry-to-strong-", 1).get(0);
        long first = healthy.counters.increment(user, 5, "key-1");
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            long retried = strong.counters.increment(user, 5, "key-1");
            strong.flusher.flushAll();

            assertThat(retried).isEqualTo(first).isEqualTo(5);
            assertThat(mysqlCounter(user)).isEqualTo(5);
        }
    }

    @Test
    void retryOnAnEventualReplicaOfAnIncrementAStrongReplicaAnsweredCountsOnce() {
        long user = createUsers("retry-to-eventual-", 1).get(0);
        long first;
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            first = strong.counters.increment(user, 4, "key-2");
        }
        long retried = healthy.counters.increment(user, 4, "key-2");
        healthy.flusher.flushAll();

        assertThat(retried).isEqualTo(first).isEqualTo(4);
        assertThat(mysqlCounter(user)).isEqualTo(4);
    }

    @Test
    void keyAnsweredByAnEventualReplicaReusedWithAnotherAmountOnAStrongReplicaIsRefused() {
        long user = createUsers("reused-across-modes-", 1).get(0);
        healthy.counters.increment(user, 3, "key-3");
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            assertThatThrownBy(() -> strong.counters.increment(user, 30, "key-3"))
                    .isInstanceOf(IdempotencyKeyReusedException.class);
        }
    }

    @Test
    void flushAfterRedisForgotACounterStillAppliesNewIncrements() {
        long user = createUsers("forgotten-", 1).get(0);
        healthy.counters.increment(user, 4, null);
        healthy.flusher.flushAll();
        redis.deleteAllKeys();

        healthy.counters.increment(user, 3, null);
        healthy.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(7);
    }

    @Test
    void setFencesOutABatchClaimedBeforeIt() {
        long user = createUsers("fenced-", 1).get(0);
        healthy.counters.increment(user, 5, null);
        try (TestReplica dying = new TestReplica(database, redis, Consistency.EVENTUAL, dieAt(FlushStep.CLAIMED))) {
            assertThatThrownBy(dying.flusher::flushAll).hasMessage("replica died at CLAIMED");
        }

        healthy.counters.set(user, 100);
        healthy.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(100);
        assertThat(healthy.counters.read(user).counter()).isEqualTo(100);
    }

    @Test
    void manualUserSyncFlushesOnlyThatUser() {
        List<Long> users = createUsers("single-", 2);
        users.forEach(user -> healthy.counters.increment(user, 6, null));

        FlushReport report = healthy.flusher.flushUser(users.get(0));

        assertThat(report).isEqualTo(new FlushReport(1, 1, 6));
        assertThat(mysqlCounter(users.get(0))).isEqualTo(6);
        assertThat(mysqlCounter(users.get(1))).isZero();
    }

    private List<Long> createUsers(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> healthy.createUser(prefix + i))
                .toList();
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }

    private static FlushHook dieAt(FlushStep fatal) {
        return step -> {
            if (step == fatal) {
                throw new IllegalStateException("replica died at " + step);
            }
        };
    }
}
