package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.cache.ClaimedBatch;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.FlushPause;
import io.usercounter.app.fixture.RowLock;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A set and a flush of the same counter interleaved at the points where one can overtake the other. */
class FlushRaceTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();

    /** A seq in microseconds around the year 2255: above anything Redis' clock gives now. */
    static final long AHEAD_OF_THE_CLOCK = 9_000_000_000_000_000L;

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
        redis.close();
        database.close();
    }

    @Test
    void anIncrementAfterASetCountsThoughAnEarlierSetDiedAfterItsFence() {
        long user = replica.createUser("set-died-after-fence");
        replica.counters.increment(user, 5, null);
        ClaimedBatch inFlight = replica.cache.claim(CounterKeys.shardOf(user), 1_000);
        replica.counters.increment(user, 3, null);
        // a set whose fence ran while a batch was in flight (marking the 3 to take its seq), and that died there
        replica.cache.reserveFence(user);
        replica.cache.acknowledge(inFlight, replica.store.applyBatch(inFlight.entries(), () -> {}));

        replica.counters.set(user, 100);
        assertThat(replica.counters.increment(user, 7, null)).isEqualTo(107);
        replica.flusher.flushAll();

        assertThat(replica.counters.read(user).counter()).isEqualTo(107);
        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isEqualTo(107);
    }

    @Test
    void batchClaimedWhileASetCommitsDoesNotLandOnTheNewValue() {
        long user = replica.createUser("set-races-claim");
        replica.counters.increment(user, 10, null);
        FlushPause pause = new FlushPause(FlushStep.CLAIMED);
        try (TestReplica flushing = new TestReplica(database, redis, Consistency.EVENTUAL, pause)) {
            CompletableFuture<Long> set;
            CompletableFuture<FlushReport> flush;
            // the set has done its Redis step and waits for the row; the claim comes now, before its commit
            try (RowLock lock = RowLock.on(database, user)) {
                set = CompletableFuture.supplyAsync(() -> replica.counters.set(user, 0));
                lock.awaitWaiter();
                flush = CompletableFuture.supplyAsync(flushing.flusher::flushAll);
                pause.awaitReached();
            }
            long answered = set.join();
            pause.release();
            flush.join();

            assertThat(answered).isZero();
            assertThat(mysqlCounter(user)).isZero();
            assertThat(replica.counters.read(user).counter()).isZero();
        }
    }

    @Test
    void batchOfACounterWhoseSnapshotExpiredGetsASeqAboveTheAppliedOneWithoutTheClock() {
        long user = replica.createUser("snapshot-expired");
        // a seq applied by a node whose clock was ahead: Redis' TIME is now below it
        database.update("UPDATE users SET applied_seq = " + AHEAD_OF_THE_CLOCK + " WHERE id = " + user);
        replica.counters.increment(user, 5, null);
        // the snapshot expired before the flush (a sync interval longer than the cache TTL)
        redis.commands().del(replica.cache.keys().snapshot(user));

        replica.flusher.flushAll();

        assertThat(mysqlCounter(user)).isEqualTo(5);
        assertThat(replica.counters.read(user).counter()).isEqualTo(5);
    }

    @Test
    void batchFencedOutInMysqlIsCounted() {
        long user = replica.createUser("fenced-out-counted");
        replica.counters.increment(user, 3, null);
        FlushPause pause = new FlushPause(FlushStep.CLAIMED);
        try (TestReplica flushing = new TestReplica(database, redis, Consistency.EVENTUAL, pause)) {
            CompletableFuture<FlushReport> flush = CompletableFuture.supplyAsync(flushing.flusher::flushAll);
            pause.awaitReached();
            database.update("UPDATE users SET applied_seq = " + AHEAD_OF_THE_CLOCK + " WHERE id = " + user);
            pause.release();
            flush.join();

            assertThat(mysqlCounter(user)).isZero();
            assertThat(flushing.registry.counter("counter.flush.fenced.out").count())
                    .isEqualTo(1);
        }
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
