package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A model test of the sync algorithm on the real shared Redis and MariaDB: random scenarios of
 * increments (Eventual and Strong), sets, flushes, and flushes that other increments interleave with
 * between claim, apply and acknowledge, or that die there (the FlushHook seam) and are retried by the
 * next flush. The model is the sum of acknowledged increments; a failure shrinks to the shortest
 * scenario that breaks it.
 */
class SyncModelTest {

    static final int USERS = 3;
    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TestReplica eventual = new TestReplica(database, redis, Consistency.EVENTUAL);
    static final TestReplica strong = new TestReplica(database, redis, Consistency.STRONG);
    static final SwitchableHook hook = new SwitchableHook();
    static final TestReplica interrupted = new TestReplica(database, redis, Consistency.EVENTUAL, hook);
    static final AtomicInteger scenarios = new AtomicInteger();

    @AfterContainer
    static void closeStores() {
        interrupted.close();
        strong.close();
        eventual.close();
        redis.close();
        database.close();
    }

    @Property(tries = 60)
    void everyAcknowledgedIncrementIsCountedExactlyOnce(@ForAll("scenarios") List<Step> scenario) {
        World world = new World();

        for (Step step : scenario) {
            step.runIn(world);
            for (int user = 0; user < USERS; user++) {
                assertThat(eventual.counters.read(world.ids.get(user)).counter())
                        .as("value of user %d after %s", user, step)
                        .isEqualTo(world.expected.get(user));
            }
        }
        eventual.flusher.flushAll();

        for (int user = 0; user < USERS; user++) {
            long id = world.ids.get(user);
            assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + id))
                    .as("MySQL value of user %d after the final flush", user)
                    .isEqualTo(world.expected.get(user));
        }
        assertThat(eventual.cache.unflushedUsers()).as("users left unflushed").isZero();
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS - 1);
        Arbitrary<Long> by = Arbitraries.longs().between(1, 1000);
        Arbitrary<Increment> increment = Combinators.combine(user, by).as(Increment::new);
        Arbitrary<Step> interruptedFlush = Combinators.combine(
                        Arbitraries.of(FlushStep.class), increment.list().ofMaxSize(3), Arbitraries.of(true, false))
                .as(InterruptedFlush::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, increment),
                        Tuple.of(1, Combinators.combine(user, by).as(StrongIncrement::new)),
                        Tuple.of(
                                1,
                                Combinators.combine(user, Arbitraries.longs().between(0, 5000))
                                        .as(SetValue::new)),
                        Tuple.of(2, Arbitraries.just(new Flush())),
                        Tuple.of(1, user.map(FlushUser::new)),
                        Tuple.of(3, interruptedFlush))
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    /** Fresh users per scenario; {@code expected} is the model: what their counters must be. */
    static final class World {

        final List<Long> ids;
        final AtomicLongArray expected = new AtomicLongArray(USERS);

        World() {
            int scenario = scenarios.incrementAndGet();
            ids = IntStream.range(0, USERS)
                    .mapToObj(i -> eventual.createUser("model-" + scenario + "-" + i))
                    .toList();
        }
    }

    sealed interface Step permits Increment, StrongIncrement, SetValue, Flush, FlushUser, InterruptedFlush {
        void runIn(World world);
    }

    record Increment(int user, long by) implements Step {
        @Override
        public void runIn(World world) {
            eventual.counters.increment(world.ids.get(user), by, null);
            world.expected.addAndGet(user, by);
        }
    }

    /** A Strong replica during a mode switch: it commits to MySQL, next to Eventual amounts in Redis. */
    record StrongIncrement(int user, long by) implements Step {
        @Override
        public void runIn(World world) {
            strong.counters.increment(world.ids.get(user), by, null);
            world.expected.addAndGet(user, by);
        }
    }

    record SetValue(int user, long value) implements Step {
        @Override
        public void runIn(World world) {
            eventual.counters.set(world.ids.get(user), value);
            world.expected.set(user, value);
        }
    }

    record Flush() implements Step {
        @Override
        public void runIn(World world) {
            eventual.flusher.flushAll();
        }
    }

    record FlushUser(int user) implements Step {
        @Override
        public void runIn(World world) {
            eventual.flusher.flushUser(world.ids.get(user));
        }
    }

    /**
     * A flush of another replica that, on first reaching {@code at}, lets {@code meanwhile} run and
     * then dies there ({@code dies}) or goes on.
     */
    record InterruptedFlush(FlushStep at, List<Increment> meanwhile, boolean dies) implements Step {
        @Override
        public void runIn(World world) {
            AtomicBoolean reached = new AtomicBoolean();
            hook.set(step -> {
                if (step == at && reached.compareAndSet(false, true)) {
                    meanwhile.forEach(increment -> increment.runIn(world));
                }
                if (step == at && dies) {
                    throw new ReplicaDied(at);
                }
            });
            try {
                interrupted.flusher.flushAll();
            } catch (ReplicaDied e) {
                // the batches it claimed stay in Redis for the next flush
            } finally {
                hook.set(FlushHook.NONE);
            }
        }
    }

    static final class ReplicaDied extends RuntimeException {
        ReplicaDied(FlushStep step) {
            super("replica died at " + step);
        }
    }

    /** One replica whose flush hook each step sets, so a scenario needs no new connections. */
    static final class SwitchableHook implements FlushHook {

        private volatile FlushHook current = FlushHook.NONE;

        void set(FlushHook hook) {
            current = hook;
        }

        @Override
        public void reached(FlushStep step) {
            current.reached(step);
        }
    }
}
