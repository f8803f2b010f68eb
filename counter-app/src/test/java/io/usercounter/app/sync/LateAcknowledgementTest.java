package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.FlushPause;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A flush acknowledged late, after later writes committed and the user's snapshot expired, may not cache the
 * state it committed: nothing newer is left in Redis to compare it with (found by the concurrent model test).
 */
class LateAcknowledgementTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TestReplica eventual = new TestReplica(database, redis, Consistency.EVENTUAL);
    static final TestReplica strong = new TestReplica(database, redis, Consistency.STRONG);

    @AfterAll
    static void dropStores() {
        strong.close();
        eventual.close();
        redis.close();
        database.close();
    }

    @Test
    void aStrongIncrementCommittedBeforeALateAcknowledgementStaysVisible() {
        long user = eventual.createUser("late-ack-strong");
        eventual.counters.increment(user, 10, null);

        lateAcknowledgement(user, () -> strong.counters.increment(user, 5, null));

        assertThat(eventual.users.find(user).counter()).isEqualTo(15);
        assertThat(eventual.counters.read(user).counter()).isEqualTo(15);
    }

    @Test
    void aSetCommittedBeforeALateAcknowledgementStaysVisible() {
        long user = eventual.createUser("late-ack-set");
        eventual.counters.increment(user, 10, null);

        lateAcknowledgement(user, () -> eventual.counters.set(user, 3));

        assertThat(eventual.users.find(user).counter()).isEqualTo(3);
        assertThat(eventual.counters.read(user).counter()).isEqualTo(3);
    }

    /** A flush that committed the user's batch acknowledges only after {@code write} and the snapshot's expiry. */
    private void lateAcknowledgement(long user, Runnable write) {
        FlushPause pause = new FlushPause(FlushStep.COMMITTED);
        try (TestReplica flushing = new TestReplica(database, redis, Consistency.EVENTUAL, pause)) {
            CompletableFuture<FlushReport> flush = CompletableFuture.supplyAsync(flushing.flusher::flushAll);
            pause.awaitReached();
            write.run();
            redis.commands().del(eventual.cache.keys().snapshot(user));
            pause.release();
            flush.join();
        }
    }
}
