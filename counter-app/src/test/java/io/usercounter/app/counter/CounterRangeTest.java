package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.CounterRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Counters stay within 0..2^53−1, what every layer holds exactly; what would leave it is refused, alone. */
class CounterRangeTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final long NEAR_MAX = CounterRange.MAX - 1;

    @AfterAll
    static void dropStores() {
        redis.close();
        database.close();
    }

    @Test
    void aStrongIncrementBeyondTheRangeIsRefusedAndOneThatReachesItIsApplied() {
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            long user = strong.createUser("strong-edge");
            strong.counters.set(user, NEAR_MAX);

            assertThatThrownBy(() -> strong.counters.increment(user, 2, null))
                    .isInstanceOf(CounterOutOfRangeException.class);
            assertThat(mysqlCounter(user)).isEqualTo(NEAR_MAX);
            assertThat(strong.counters.increment(user, 1, null)).isEqualTo(CounterRange.MAX);
        }
    }

    @Test
    void aKeyedStrongIncrementBeyondTheRangeIsRefusedAndItsKeyIsNotRecorded() {
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            long user = strong.createUser("strong-keyed-edge");
            strong.counters.set(user, NEAR_MAX);

            assertThatThrownBy(() -> strong.counters.increment(user, 2, "k-1"))
                    .isInstanceOf(CounterOutOfRangeException.class);
            strong.counters.set(user, 0);
            assertThat(strong.counters.increment(user, 2, "k-1")).isEqualTo(2);
        }
    }

    @Test
    void anEventualIncrementBeyondTheRangeIsRefusedAndNothingIsPending() {
        try (TestReplica eventual = new TestReplica(database, redis, Consistency.EVENTUAL)) {
            long user = eventual.createUser("eventual-edge");
            eventual.counters.set(user, NEAR_MAX);

            assertThatThrownBy(() -> eventual.counters.increment(user, 1_000_000, null))
                    .isInstanceOf(CounterOutOfRangeException.class)
                    .hasMessage("counter of user " + user + " is " + NEAR_MAX
                            + "; adding 1000000 would exceed the largest count, " + CounterRange.MAX);
            assertThat(eventual.counters.increment(user, 1, null)).isEqualTo(CounterRange.MAX);
            eventual.flusher.flushAll();
            assertThat(mysqlCounter(user)).isEqualTo(CounterRange.MAX);
        }
    }

    @Test
    void aFlushRowThatWouldLeaveTheRangeStaysClaimedAndEveryOtherRowIsApplied() {
        try (TestReplica eventual = new TestReplica(database, redis, Consistency.EVENTUAL)) {
            long full = eventual.createUser("flush-full");
            long other = eventual.createUser("flush-other");
            eventual.counters.increment(full, 5, null);
            eventual.counters.increment(other, 3, null);
            // a Strong replica of a mode switch sees only MySQL, so it can fill the row beneath pending amounts
            database.update("UPDATE users SET counter = " + NEAR_MAX + ", version = version + 1 WHERE id = " + full);

            eventual.flusher.flushAll();

            assertThat(mysqlCounter(other)).isEqualTo(3);
            assertThat(mysqlCounter(full)).isEqualTo(NEAR_MAX);
            assertThat(eventual.registry.get("counter.flush.refused").counter().count())
                    .isEqualTo(1);
            assertThat(eventual.cache.unflushedUsers()).isEqualTo(1);
        }
    }

    private static long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
