package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A command Redis ran but whose answer was lost with the connection may be sent again by Lettuce after the
 * reconnect; an Eventual increment carries a request token, so the second run answers the first one's value
 * instead of adding again.
 */
class ReplayedCommandTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TcpProxy redisProxy = TcpProxy.to(TestRedis.HOST, TestRedis.PORT);

    @AfterAll
    static void dropStores() {
        redisProxy.close();
        redis.close();
        database.close();
    }

    @Test
    void anEventualIncrementWhoseAnswerWasLostRunsOnceAndItsCallerIsToldItMayHaveBeenApplied() throws Exception {
        try (TestReplica replica = new TestReplica(
                database,
                TestRedis.url(TestRedis.HOST, redisProxy.port()),
                redis.prefix(),
                Consistency.EVENTUAL,
                FlushHook.NONE)) {
            long user = replica.createUser("answer-lost");
            replica.counters.increment(user, 1, null);
            String sync = replica.cache.keys().sync(user);

            redisProxy.holdReplies();
            CompletableFuture<Long> unanswered =
                    CompletableFuture.supplyAsync(() -> replica.counters.increment(user, 1, null));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> "2".equals(redis.commands().hget(sync, "pending")));
            redisProxy.cut();
            redisProxy.restore();

            // Lettuce re-sent the script after the reconnect, or it timed out: either way it counted once
            try {
                assertThat(unanswered.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            } catch (ExecutionException mayHaveBeenApplied) {
                assertThat(mayHaveBeenApplied).hasCauseInstanceOf(CacheUnavailableException.class);
            }
            assertThat(redis.commands().hget(sync, "pending")).isEqualTo("2");
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> replica.counters.increment(user, 1, null) == 3);
        }
    }
}
