package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.store.CounterSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The cache's write rules on real Redis. */
class CounterCacheTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TestReplica replica = new TestReplica(database, redis, Consistency.STRONG);

    @AfterAll
    static void dropStores() {
        replica.close();
        redis.close();
        database.close();
    }

    @Test
    void aSlowWriterCannotPutAnOlderValueBack() {
        replica.cache.install(new CounterSnapshot(1, 50, 7, 0));

        CounterState afterStaleWrite = replica.cache.install(new CounterSnapshot(1, 40, 6, 0));

        assertThat(afterStaleWrite.value()).isEqualTo(50);
        assertThat(afterStaleWrite.version()).isEqualTo(7);
    }

    @Test
    void aNewerStateReplacesTheCachedOne() {
        replica.cache.install(new CounterSnapshot(2, 10, 1, 0));

        CounterState afterSet = replica.cache.install(new CounterSnapshot(2, 3, 2, 0));

        assertThat(afterSet.value()).isEqualTo(3);
    }

    @Test
    void cachedSnapshotsExpireWithinTheTtlPlusTenPercentJitter() {
        replica.cache.install(new CounterSnapshot(3, 1, 1, 0));

        long ttlMs = redis.commands().pttl("{" + redis.prefix() + ":3}:db:3");

        assertThat(ttlMs).isBetween(590_000L, 660_000L);
    }

    @Test
    void pendingAmountsNeverExpire() {
        replica.cache.install(new CounterSnapshot(4, 0, 1, 0));
        replica.cache.addPending(4, 2, null);

        assertThat(redis.commands().pttl("{" + redis.prefix() + ":4}:q:4")).isEqualTo(-1);
        assertThat(replica.cache.state(4).value()).isEqualTo(2);
    }
}
