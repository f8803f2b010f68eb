package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A set on a Strong replica while Eventual replicas hold amounts in Redis (a mode switch rolling): the set
 * needs its fence, or amounts acknowledged before it would land on top of it later.
 */
class SetDuringModeSwitchTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TcpProxy strongsRedis = TcpProxy.to(TestRedis.HOST, TestRedis.PORT);

    TestReplica eventual;
    TestReplica strong;

    @BeforeEach
    void startReplicas() {
        strongsRedis.restore();
        eventual = new TestReplica(database, redis, Consistency.EVENTUAL);
        strong = new TestReplica(
                database,
                TestRedis.url(TestRedis.HOST, strongsRedis.port()),
                redis.prefix(),
                Consistency.STRONG,
                FlushHook.NONE);
    }

    @AfterEach
    void stopReplicas() {
        strong.close();
        eventual.close();
    }

    @AfterAll
    static void dropStores() {
        strongsRedis.close();
        redis.close();
        database.close();
    }

    @Test
    void aStrongSetWhoseFenceReplyIsLostChangesNothingAndAnswers503() {
        long user = eventual.createUser("fence-reply-lost");
        eventual.counters.increment(user, 7, null);

        strongsRedis.holdReplies();
        // the fence runs in Redis and seals the 7 into a batch; only its reply is lost
        assertThatThrownBy(() -> strong.counters.set(user, 100)).isInstanceOf(CacheUnavailableException.class);
        strongsRedis.restore();
        eventual.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(7);
        assertThat(eventual.counters.read(user).counter()).isEqualTo(7);
    }

    @Test
    void aStrongSetWhileRedisIsUnreachableChangesNothingAndAnswers503() {
        long user = eventual.createUser("redis-unreachable");
        eventual.counters.increment(user, 7, null);

        strongsRedis.cut();
        assertThatThrownBy(() -> strong.counters.set(user, 100)).isInstanceOf(CacheUnavailableException.class);
        strongsRedis.restore();
        eventual.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(7);
    }

    @Test
    void theRetriedSetOverridesTheAmountsAcknowledgedBeforeIt() {
        long user = eventual.createUser("set-retried");
        eventual.counters.increment(user, 7, null);
        strongsRedis.holdReplies();
        assertThatThrownBy(() -> strong.counters.set(user, 100)).isInstanceOf(CacheUnavailableException.class);
        strongsRedis.restore();

        // as a client retries a 503: until the replica has reconnected to Redis
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(CacheUnavailableException.class)
                .until(() -> strong.counters.set(user, 100) == 100);
        eventual.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(100);
        assertThat(eventual.counters.read(user).counter()).isEqualTo(100);
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
