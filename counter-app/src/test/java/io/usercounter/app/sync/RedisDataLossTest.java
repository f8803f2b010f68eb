package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.cache.ClaimedBatch;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Redis losing its data (a restart without persistence) under a flush: what was acknowledged after the loss
 * is counted, whenever a batch claimed before it commits. Each test's loss is its own prefix's keys going.
 */
class RedisDataLossTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TestReplica eventual = new TestReplica(database, redis, Consistency.EVENTUAL);

    @AfterAll
    static void dropStores() {
        eventual.close();
        redis.close();
        database.close();
    }

    @Test
    void anIncrementAcknowledgedAfterTheLossIsCountedThoughABatchFromBeforeCommitsLate() {
        long user = eventual.createUser("late-batch-after-loss");
        eventual.counters.increment(user, 5, null);
        ClaimedBatch beforeLoss = eventual.cache.claim(CounterKeys.shardOf(user), 1_000);

        redis.deleteAllKeys();
        assertThat(eventual.counters.increment(user, 3, null)).isEqualTo(3);
        // the flush that claimed before the loss commits now, and dies before its acknowledgement
        eventual.store.applyBatch(beforeLoss.entries(), () -> {});
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(8);
    }

    @Test
    void aSetAfterTheLossIsNotOverriddenByABatchFromBefore() {
        long user = eventual.createUser("set-after-loss");
        eventual.counters.increment(user, 5, null);
        ClaimedBatch beforeLoss = eventual.cache.claim(CounterKeys.shardOf(user), 1_000);

        redis.deleteAllKeys();
        assertThat(eventual.counters.set(user, 100)).isEqualTo(100);
        // amounts from before the set may not land on top of it, however late they commit
        eventual.store.applyBatch(beforeLoss.entries(), () -> {});
        eventual.flusher.flushAll();

        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(100);
    }
}
