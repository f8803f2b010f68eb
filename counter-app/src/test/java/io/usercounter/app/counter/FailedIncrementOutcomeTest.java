package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failed Eventual increment tells its caller whether Redis may have run it, so an account can call it
 * refused or unknown: one that never left the app did not run; one whose answer never came may have.
 */
class FailedIncrementOutcomeTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TcpProxy redisProxy = TcpProxy.to(TestRedis.HOST, TestRedis.PORT);

    @AfterEach
    void restoreRedis() {
        redisProxy.restore();
    }

    @AfterAll
    static void dropStores() {
        redisProxy.close();
        redis.close();
        database.close();
    }

    @Test
    void anIncrementWhileTheConnectionIsDownWasNeverSentAndDidNotRun() {
        try (TestReplica replica = replica()) {
            long user = replica.createUser("disconnected");
            replica.counters.increment(user, 1, null);
            redisProxy.cut();
            await().atMost(Duration.ofSeconds(5)).until(() -> !replica.cache.isConnected());

            assertThatExceptionOfType(CacheUnavailableException.class)
                    .isThrownBy(() -> replica.counters.increment(user, 1, null))
                    .satisfies(failure -> assertThat(failure.mayHaveRun())
                            .as(failure.getMessage())
                            .isFalse());
            assertThat(redis.commands().hget(replica.cache.keys().sync(user), "pending"))
                    .isEqualTo("1");
        }
    }

    @Test
    void anIncrementThatCouldNotConnectDidNotRunNorDidOneWithinTheBackOff() {
        redisProxy.cut();
        try (TestReplica replica = replica()) {
            long user = replica.createUser("never-connected");

            for (String attempt : new String[] {"connecting", "within the back-off"}) {
                assertThatExceptionOfType(CacheUnavailableException.class)
                        .as(attempt)
                        .isThrownBy(() -> replica.counters.increment(user, 1, null))
                        .satisfies(failure -> assertThat(failure.mayHaveRun())
                                .as(failure.getMessage())
                                .isFalse());
            }
            assertThat(redis.commands().exists(replica.cache.keys().sync(user))).isZero();
        }
    }

    @Test
    void anIncrementWhoseAnswerNeverCameMayHaveRunAndHereItDid() {
        try (TestReplica replica = replica()) {
            long user = replica.createUser("unanswered");
            replica.counters.increment(user, 1, null);
            redisProxy.holdReplies();

            assertThatExceptionOfType(CacheUnavailableException.class)
                    .isThrownBy(() -> replica.counters.increment(user, 1, null))
                    .satisfies(failure -> assertThat(failure.mayHaveRun())
                            .as(failure.getMessage())
                            .isTrue());
            assertThat(redis.commands().hget(replica.cache.keys().sync(user), "pending"))
                    .isEqualTo("2");
            // the held replies would answer later commands out of turn: drop that connection
            redisProxy.cut();
        }
    }

    private static TestReplica replica() {
        return new TestReplica(
                database,
                TestRedis.url(TestRedis.HOST, redisProxy.port()),
                redis.prefix(),
                Consistency.EVENTUAL,
                FlushHook.NONE);
    }
}
