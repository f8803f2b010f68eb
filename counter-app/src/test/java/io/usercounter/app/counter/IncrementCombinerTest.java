package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class IncrementCombinerTest {

    static final TestDatabase database = TestDatabase.create();

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Holds the first commit until the test releases it, so the next requests queue behind it. */
    static final class HeldFirstCommit extends UserStore {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger commits = new AtomicInteger();

        HeldFirstCommit() {
            super(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));
        }

        @Override
        public Map<Long, CounterSnapshot> incrementAll(SortedMap<Long, Long> amounts) {
            if (commits.incrementAndGet() == 1) {
                await(release);
            }
            return super.incrementAll(amounts);
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void incrementsQueuedBehindACommitAreCommittedTogetherAndEachGetsItsOwnValue() {
        HeldFirstCommit store = new HeldFirstCommit();
        IncrementCombiner combiner = new IncrementCombiner(store);
        long hot = store.create("hot-key").id();

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> combiner.increment(hot, 1).value());
        await().atMost(Duration.ofSeconds(5)).until(() -> store.commits.get() == 1);
        List<CompletableFuture<Long>> queued = IntStream.range(0, 7)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> combiner.increment(hot, 10).value())).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> combiner.queued() == 7);
        store.release.countDown();

        assertThat(first.join()).isEqualTo(1);
        assertThat(queued.stream().map(CompletableFuture::join)).containsExactlyInAnyOrder(11L, 21L, 31L, 41L, 51L, 61L, 71L);
        assertThat(store.commits.get()).isEqualTo(2);
        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + hot)).isEqualTo(71);
    }

    @Test
    void aGroupWhoseCommitFailsAcknowledgesNoneOfItsIncrements() {
        UserStore failing = new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB)) {
            @Override
            public Map<Long, CounterSnapshot> incrementAll(SortedMap<Long, Long> amounts) {
                throw new IllegalStateException("MySQL went away");
            }
        };
        long user = failing.create("unlucky").id();

        assertThatThrownBy(() -> new IncrementCombiner(failing).increment(user, 5)).hasMessage("MySQL went away");
        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user)).isZero();
    }

    @Test
    void anUnknownUserFailsWithUserNotFound() {
        IncrementCombiner combiner = new IncrementCombiner(new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB)));

        assertThatThrownBy(() -> combiner.increment(987_654_321L, 1)).isInstanceOf(UserNotFoundException.class);
    }
}
