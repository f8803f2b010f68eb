package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.SetArgs;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.RowLock;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.CounterRange;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * During a mode switch a client's retry can reach a replica of the other mode while the first attempt
 * is still under way: one Idempotency-Key is one increment whichever replicas the attempts reach.
 */
class IdempotencyKeyAcrossModesTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();

    TestReplica strong;
    TestReplica eventual;

    @BeforeEach
    void startReplicas() {
        strong = new TestReplica(database, redis, Consistency.STRONG);
        eventual = new TestReplica(database, redis, Consistency.EVENTUAL);
    }

    @AfterEach
    void stopReplicas() {
        strong.close();
        eventual.close();
    }

    @AfterAll
    static void dropStores() {
        redis.close();
        database.close();
    }

    @Test
    void retryOnAnEventualReplicaWhileAStrongReplicaCommitsIsRefusedAsInProgress() {
        long user = strong.createUser("strong-first");
        CompletableFuture<Long> first;
        try (RowLock lock = RowLock.on(database, user)) {
            first = CompletableFuture.supplyAsync(() -> strong.counters.increment(user, 5, "order-1"));
            lock.awaitWaiter();

            assertThatThrownBy(() -> eventual.counters.increment(user, 5, "order-1"))
                    .isInstanceOf(IdempotencyKeyInProgressException.class)
                    .hasMessageContaining("order-1");
        }
        assertThat(first.join()).isEqualTo(5);
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(5);
    }

    @Test
    void retryOnAnEventualReplicaAfterTheStrongCommitGetsTheFirstAnswer() {
        long user = strong.createUser("strong-committed");
        assertThat(strong.counters.increment(user, 3, "order-2")).isEqualTo(3);

        assertThat(eventual.counters.increment(user, 3, "order-2")).isEqualTo(3);
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(3);
    }

    @Test
    void retryOnAStrongReplicaAfterAnEventualAnswerGetsTheFirstAnswer() {
        long user = eventual.createUser("eventual-first");
        assertThat(eventual.counters.increment(user, 4, "order-3")).isEqualTo(4);

        assertThat(strong.counters.increment(user, 4, "order-3")).isEqualTo(4);
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(4);
    }

    @Test
    void strongAttemptThatCommittedNothingFreesTheKeyForTheRetry() {
        long user = strong.createUser("strong-refused");
        strong.counters.set(user, CounterRange.MAX);
        assertThatThrownBy(() -> strong.counters.increment(user, 2, "order-4"))
                .isInstanceOf(CounterOutOfRangeException.class);
        strong.counters.set(user, 0);

        assertThat(eventual.counters.increment(user, 2, "order-4")).isEqualTo(2);
    }

    @Test
    void retryAfterAStrongReplicaDiedBetweenCommitAndAnswerGetsTheAnswerMysqlRecorded() {
        long user = strong.createUser("strong-died-after-commit");
        strong.store.increment(user, 6, "order-5");
        reserveAsADeadStrongRequest(user, "order-5", Duration.ZERO);

        assertThat(eventual.counters.increment(user, 6, "order-5")).isEqualTo(6);
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(6);
    }

    @Test
    void reservationOfAStrongRequestThatDiedBeforeCommittingIsTakenOverAfterItsLease() {
        long user = strong.createUser("strong-died-before-commit");
        reserveAsADeadStrongRequest(user, "order-6", Duration.ofMinutes(3));

        assertThat(eventual.counters.increment(user, 7, "order-6")).isEqualTo(7);
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(7);
    }

    /** The reservation a Strong request writes before its commit, as if written {@code age} ago. */
    private void reserveAsADeadStrongRequest(long user, String key, Duration age) {
        redis.commands()
                .set(
                        strong.cache.keys().idempotency(user, key),
                        "reserved dead-request",
                        SetArgs.Builder.px(Duration.ofHours(24).minus(age)));
    }
}
