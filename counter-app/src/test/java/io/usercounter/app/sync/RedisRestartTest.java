package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.PrivateRedis;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestReplica;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The one loss docs/consistency.md allows, measured: Redis restarting without persistence loses exactly the
 * amounts it held that were not flushed yet. The restarted Redis also has no scripts loaded, so this
 * runs the NOSCRIPT fallback and Lettuce's reconnect.
 */
class RedisRestartTest {

    static final TestDatabase database = TestDatabase.create();
    static final PrivateRedis redis = new PrivateRedis();

    @AfterAll
    static void stopStores() {
        redis.close();
        database.close();
    }

    @Test
    void restartWithoutPersistenceLosesOnlyTheUnflushedAmountAndCountingGoesOn() {
        try (TestReplica replica =
                new TestReplica(database, redis.url(), "restart", Consistency.EVENTUAL, FlushHook.NONE)) {
            long user = replica.createUser("survivor");
            replica.counters.increment(user, 5, null);
            replica.flusher.flushAll();
            replica.counters.increment(user, 3, null);

            redis.restart();
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(CacheUnavailableException.class)
                    .until(() -> replica.counters.increment(user, 2, null) == 7);
            replica.flusher.flushAll();

            assertThat(mysqlCounter(user)).isEqualTo(5 + 2);
            assertThat(replica.counters.read(user).counter()).isEqualTo(7);
        }
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
