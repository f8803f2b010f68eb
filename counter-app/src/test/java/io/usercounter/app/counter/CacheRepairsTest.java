package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.RowLock;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.sync.FlushHook;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that reached MySQL while Redis was away: the cache is repaired, across a restart too. */
class CacheRepairsTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TcpProxy redisProxy = TcpProxy.to(TestRedis.HOST, TestRedis.PORT);

    @BeforeEach
    void restore() {
        redisProxy.restore();
    }

    @AfterAll
    static void dropStores() {
        redisProxy.close();
        redis.close();
        database.close();
    }

    @Test
    void strongWriteDuringARedisOutageIsRepairedByTheReplicaStartedAfterARestart() {
        long user;
        try (TestReplica beforeRestart = proxied(Consistency.STRONG)) {
            user = beforeRestart.createUser("restarted-before-redis-returned");
            beforeRestart.counters.increment(user, 1, null);
            redisProxy.cut();
            beforeRestart.counters.increment(user, 5, null);
        }
        redisProxy.restore();

        try (TestReplica afterRestart = new TestReplica(database, redis, Consistency.STRONG)) {
            afterRestart.repairs.repair();

            assertThat(afterRestart.counters.read(user).counter()).isEqualTo(6);
        }
    }

    @Test
    void eventualSetWhoseCacheStepFailsAfterTheCommitAnswers503AndTheOldPendingAmountNeverLands() {
        try (TestReplica replica = proxied(Consistency.EVENTUAL)) {
            long user = replica.createUser("set-cache-step-fails");
            replica.counters.increment(user, 5, null);
            CompletableFuture<Long> set;
            // the set has its fence and waits for the row; Redis goes away before its cache step
            try (RowLock lock = RowLock.on(database, user)) {
                set = CompletableFuture.supplyAsync(() -> replica.counters.set(user, 100));
                lock.awaitWaiter();
                redisProxy.cut();
            }

            assertThatThrownBy(set::join).hasCauseInstanceOf(CacheUnavailableException.class);
            redisProxy.restore();
            try (TestReplica other = new TestReplica(database, redis, Consistency.EVENTUAL)) {
                other.repairs.repair();
                other.flusher.flushAll();

                assertThat(mysqlCounter(user)).isEqualTo(100);
                assertThat(other.counters.read(user).counter()).isEqualTo(100);
            }
        }
    }

    private static TestReplica proxied(Consistency mode) {
        return new TestReplica(
                database, TestRedis.url(TestRedis.HOST, redisProxy.port()), redis.prefix(), mode, FlushHook.NONE);
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
