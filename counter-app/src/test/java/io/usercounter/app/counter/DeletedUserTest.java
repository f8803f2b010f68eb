package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.FlushPause;
import io.usercounter.app.fixture.RowLock;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.sync.FlushHook;
import io.usercounter.app.sync.FlushReport;
import io.usercounter.app.sync.FlushStep;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cache write that was under way when a user was deleted lands after the delete: the user stays deleted. */
class DeletedUserTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TcpProxy redisProxy = TcpProxy.to(TestRedis.HOST, TestRedis.PORT);

    TestReplica replica;

    @BeforeEach
    void startReplica() {
        replica = new TestReplica(database, redis, Consistency.EVENTUAL);
    }

    @AfterEach
    void stopReplica() {
        replica.close();
    }

    @AfterAll
    static void dropStores() {
        redisProxy.close();
        redis.close();
        database.close();
    }

    @Test
    void lateAcknowledgementAfterDeleteDoesNotBringTheUserBack() {
        long user = replica.createUser("deleted-during-flush");
        replica.counters.increment(user, 4, null);
        FlushPause pause = new FlushPause(FlushStep.COMMITTED);
        try (TestReplica flushing = new TestReplica(database, redis, Consistency.EVENTUAL, pause)) {
            CompletableFuture<FlushReport> flush = CompletableFuture.supplyAsync(flushing.flusher::flushAll);
            pause.awaitReached();
            replica.users.delete(user);
            pause.release();
            flush.join();
        }

        assertStaysDeleted(user);
    }

    @Test
    void lateStrongInstallAfterDeleteDoesNotBringTheUserBack() {
        long user = replica.createUser("deleted-after-strong-commit");
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG)) {
            strong.counters.increment(user, 2, null);
            CounterSnapshot committed = strong.store.snapshot(user).orElseThrow();
            replica.users.delete(user);

            strong.strong.cacheCommitted(committed);
        }

        assertStaysDeleted(user);
    }

    @Test
    void lateReadMissInstallAfterDeleteDoesNotBringTheUserBack() {
        long user = replica.createUser("deleted-during-read-miss");
        CounterSnapshot readBeforeDelete = replica.store.snapshot(user).orElseThrow();
        replica.users.delete(user);

        replica.cache.install(readBeforeDelete);

        assertStaysDeleted(user);
    }

    @Test
    void strongIncrementWithKeyThatFindsItsUserDeletedMeanwhileIsNotFound() {
        long user = replica.createUser("deleted-during-strong-increment");
        try (TestReplica strong = new TestReplica(database, redis, Consistency.STRONG);
                RowLock lock = RowLock.on(database, user)) {
            // the key lookup comes first, so the increment reads from before the delete; its UPDATE then waits
            CompletableFuture<Long> increment =
                    CompletableFuture.supplyAsync(() -> strong.counters.increment(user, 1, "deleted-meanwhile"));
            lock.awaitWaiter();
            lock.deleteRowAndCommit(user);

            assertThatThrownBy(increment::join).hasCauseInstanceOf(UserNotFoundException.class);
        }
    }

    @Test
    void eventualDeleteWhoseRedisStepFailsIsNotAnsweredAsDone() {
        try (TestReplica proxied = replicaThroughProxy()) {
            long user = proxied.createUser("deleted-while-redis-cut");
            proxied.counters.increment(user, 2, null);

            redisProxy.cut();
            try {
                assertThatThrownBy(() -> proxied.users.delete(user)).isInstanceOf(CacheUnavailableException.class);
            } finally {
                redisProxy.restore();
            }
        }
    }

    @Test
    void retriedDeleteFinishesWhatAFailedRedisStepLeft() {
        long user;
        try (TestReplica proxied = replicaThroughProxy()) {
            user = proxied.createUser("delete-retried");
            proxied.counters.increment(user, 2, null);
            redisProxy.cut();
            try {
                proxied.users.delete(user);
            } catch (CacheUnavailableException expected) {
                // the MySQL row is gone; the client retries
            } finally {
                redisProxy.restore();
            }
        }

        assertThatThrownBy(() -> replica.users.delete(user)).isInstanceOf(UserNotFoundException.class);
        assertStaysDeleted(user);
    }

    @Test
    void strongDeleteWhoseRedisStepFailsIsNotAnsweredAsDone() {
        try (TestReplica proxied = replicaThroughProxy(Consistency.STRONG)) {
            long user = proxied.createUser("strong-deleted-while-redis-cut");
            proxied.counters.increment(user, 2, null);
            proxied.counters.read(user);

            redisProxy.holdReplies();
            try {
                // the snapshot may still be cached: a read there would answer the deleted user's count
                assertThatThrownBy(() -> proxied.users.delete(user)).isInstanceOf(CacheUnavailableException.class);
            } finally {
                redisProxy.restore();
            }
        }
    }

    @Test
    void retriedDeleteThatCannotReachRedisIsNotAnsweredAsDone() {
        try (TestReplica proxied = replicaThroughProxy(Consistency.EVENTUAL)) {
            long user = proxied.createUser("delete-retried-while-redis-cut");
            proxied.counters.increment(user, 2, null);
            redisProxy.cut();
            try {
                assertThatThrownBy(() -> proxied.users.delete(user)).isInstanceOf(CacheUnavailableException.class);
                // the row is gone, but what Redis holds of the user is not: a 404 would tell the client it is done
                assertThatThrownBy(() -> proxied.users.delete(user)).isInstanceOf(CacheUnavailableException.class);
            } finally {
                redisProxy.restore();
            }
        }
    }

    private TestReplica replicaThroughProxy() {
        return replicaThroughProxy(Consistency.EVENTUAL);
    }

    private TestReplica replicaThroughProxy(Consistency mode) {
        return new TestReplica(
                database, TestRedis.url(TestRedis.HOST, redisProxy.port()), redis.prefix(), mode, FlushHook.NONE);
    }

    private void assertStaysDeleted(long user) {
        assertThatThrownBy(() -> replica.counters.read(user)).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> replica.users.find(user)).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> replica.counters.increment(user, 1, null)).isInstanceOf(UserNotFoundException.class);
    }
}
