package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.CounterRange;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.GroupCommit;
import io.usercounter.app.store.UserStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class IncrementCombinerTest {

    static final Consumer<Collection<CounterSnapshot>> NOTHING = committed -> {};

    static final TestDatabase database = TestDatabase.create();
    // a thread per caller: on 2 cores Java 25's supplyAsync has one pool thread, so held callers would queue there
    static final ExecutorService callers =
            Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());

    static CounterMetrics metrics() {
        return new CounterMetrics(new SimpleMeterRegistry());
    }

    @AfterAll
    static void dropDatabase() {
        callers.close();
        database.close();
    }

    /** Holds the first commit until the test releases it, so the next requests queue behind it. */
    static class HeldFirstCommit extends UserStore {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger commits = new AtomicInteger();

        HeldFirstCommit() {
            super(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));
        }

        @Override
        public GroupCommit incrementAll(SortedMap<Long, Long> amounts) {
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
        IncrementCombiner combiner = new IncrementCombiner(store, metrics());
        long hot = store.create("hot-key").orElseThrow().id();

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> combiner.increment(hot, 1, NOTHING).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.commits.get() == 1);
        List<CompletableFuture<Long>> queued = IntStream.range(0, 7)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> combiner.increment(hot, 10, NOTHING).value(), callers))
                .toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> combiner.queued() == 7);
        store.release.countDown();

        assertThat(first.join()).isEqualTo(1);
        assertThat(queued.stream().map(CompletableFuture::join))
                .containsExactlyInAnyOrder(11L, 21L, 31L, 41L, 51L, 61L, 71L);
        assertThat(store.commits.get()).isEqualTo(2);
        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + hot))
                .isEqualTo(71);
    }

    @Test
    void differentUsersQueuedTogetherShareOneCommitAndOneAfterCommitStep() {
        HeldFirstCommit store = new HeldFirstCommit();
        IncrementCombiner combiner = new IncrementCombiner(store, metrics());
        List<Long> ids = IntStream.rangeClosed(0, IncrementCombiner.STRIPES)
                .mapToObj(i -> store.create("neighbour-" + i).orElseThrow().id())
                .toList();
        long first = ids.get(0);
        long second = ids.stream()
                .filter(id -> id != first && id % IncrementCombiner.STRIPES == first % IncrementCombiner.STRIPES)
                .findFirst()
                .orElseThrow();
        List<Collection<CounterSnapshot>> afterCommits = new CopyOnWriteArrayList<>();

        CompletableFuture<Long> opener = CompletableFuture.supplyAsync(
                () -> combiner.increment(first, 1, afterCommits::add).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.commits.get() == 1);
        CompletableFuture<Long> again = CompletableFuture.supplyAsync(
                () -> combiner.increment(first, 2, afterCommits::add).value(), callers);
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(
                () -> combiner.increment(second, 5, afterCommits::add).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> combiner.queued() == 2);
        store.release.countDown();

        assertThat(List.of(opener.join(), again.join(), other.join())).containsExactly(1L, 3L, 5L);
        assertThat(store.commits.get()).isEqualTo(2);
        assertThat(afterCommits).hasSize(2);
        assertThat(afterCommits.get(1))
                .extracting(CounterSnapshot::userId, CounterSnapshot::counter)
                .containsExactlyInAnyOrder(tuple(first, 3L), tuple(second, 5L));
    }

    @Test
    void aGroupWhoseCommitFailsAcknowledgesNoneOfItsIncrements() {
        UserStore failing = new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB)) {
            @Override
            public GroupCommit incrementAll(SortedMap<Long, Long> amounts) {
                throw new IllegalStateException("MySQL went away");
            }
        };
        long user = failing.create("unlucky").orElseThrow().id();

        assertThatThrownBy(() -> new IncrementCombiner(failing, metrics()).increment(user, 5, NOTHING))
                .hasMessage("MySQL went away");
        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                .isZero();
    }

    @Test
    void aGroupWhoseCommitThrowsAnErrorAnswersEveryCallerWithIt() {
        HeldFirstCommit store = new HeldFirstCommit() {
            @Override
            public GroupCommit incrementAll(SortedMap<Long, Long> amounts) {
                GroupCommit committed = super.incrementAll(amounts);
                if (commits.get() == 2) {
                    throw new StackOverflowError("deep in the driver");
                }
                return committed;
            }
        };
        IncrementCombiner combiner = new IncrementCombiner(store, metrics());
        long hot = store.create("erroring").orElseThrow().id();

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> combiner.increment(hot, 1, NOTHING).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.commits.get() == 1);
        List<CompletableFuture<Long>> group = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> combiner.increment(hot, 10, NOTHING).value(), callers))
                .toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> combiner.queued() == 3);
        store.release.countDown();

        assertThat(first.join()).isEqualTo(1);
        for (CompletableFuture<Long> caller : group) {
            assertThatThrownBy(() -> caller.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StackOverflowError.class);
        }
    }

    @Test
    void aUserTheGroupWouldTakeOutOfRangeIsRefusedAloneAndTheOthersAreCommitted() {
        HeldFirstCommit store = new HeldFirstCommit();
        IncrementCombiner combiner = new IncrementCombiner(store, metrics());
        List<Long> ids = IntStream.rangeClosed(0, IncrementCombiner.STRIPES)
                .mapToObj(i -> store.create("edge-" + i).orElseThrow().id())
                .toList();
        long full = ids.get(0);
        long other = ids.stream()
                .filter(id -> id != full && id % IncrementCombiner.STRIPES == full % IncrementCombiner.STRIPES)
                .findFirst()
                .orElseThrow();
        long opener = ids.stream()
                .filter(id ->
                        id != full && id != other && id % IncrementCombiner.STRIPES == full % IncrementCombiner.STRIPES)
                .findFirst()
                .orElse(other);
        database.update("UPDATE users SET counter = " + (CounterRange.MAX - 1) + " WHERE id = " + full);

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> combiner.increment(opener, 1, NOTHING).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.commits.get() == 1);
        CompletableFuture<Long> tooMuch = CompletableFuture.supplyAsync(
                () -> combiner.increment(full, 2, NOTHING).value(), callers);
        CompletableFuture<Long> fine = CompletableFuture.supplyAsync(
                () -> combiner.increment(other, 7, NOTHING).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> combiner.queued() == 2);
        store.release.countDown();

        assertThatThrownBy(tooMuch::join)
                .hasCauseInstanceOf(CounterOutOfRangeException.class)
                .hasMessageContaining("is " + (CounterRange.MAX - 1) + "; adding 2 would exceed");
        assertThat(fine.join()).isEqualTo(opener == other ? 8 : 7);
        first.join();
        assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + full))
                .isEqualTo(CounterRange.MAX - 1);
    }

    @Test
    void theNextGroupCommitsWhileTheFormerOneIsStillCachingItsStates() throws Exception {
        UserStore store = new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));
        IncrementCombiner combiner = new IncrementCombiner(store, metrics());
        long hot = store.create("caching-slowly").orElseThrow().id();
        CountDownLatch firstCaching = new CountDownLatch(1);
        CountDownLatch releaseCache = new CountDownLatch(1);
        Consumer<Collection<CounterSnapshot>> slowCache = committed -> {
            firstCaching.countDown();
            HeldFirstCommit.await(releaseCache);
        };

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> combiner.increment(hot, 1, slowCache).value(), callers);
        HeldFirstCommit.await(firstCaching);
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(
                () -> combiner.increment(hot, 10, NOTHING).value(), callers);

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(11);
        assertThat(first).isNotDone(); // answered only after its own cache write
        releaseCache.countDown();
        assertThat(first.join()).isEqualTo(1);
    }

    @Test
    void eachGroupRecordsItsQueueWaitSizeAndCommitTime() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HeldFirstCommit store = new HeldFirstCommit();
        IncrementCombiner combiner = new IncrementCombiner(store, new CounterMetrics(registry));
        long hot = store.create("measured").orElseThrow().id();

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> combiner.increment(hot, 1, NOTHING).value(), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.commits.get() == 1);
        List<CompletableFuture<Long>> queued = IntStream.range(0, 7)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> combiner.increment(hot, 1, NOTHING).value(), callers))
                .toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> combiner.queued() == 7);
        sleep(200);
        store.release.countDown();
        first.join();
        queued.forEach(CompletableFuture::join);

        DistributionSummary size = registry.get("counter.strong.group.size").summary();
        assertThat(size.count()).isEqualTo(2);
        assertThat(size.totalAmount()).isEqualTo(8);
        assertThat(size.max()).isEqualTo(7);
        Timer wait = registry.get("counter.strong.group.wait").timer();
        assertThat(wait.count()).isEqualTo(2);
        assertThat(wait.max(TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(200); // the second group queued behind the first
        Timer commit = registry.get("counter.strong.group.commit")
                .tag("outcome", "committed")
                .timer();
        assertThat(commit.count()).isEqualTo(2);
        assertThat(commit.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200); // the first commit was held
    }

    @Test
    void aFailedGroupIsRecordedAsAFailedCommit() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UserStore failing = new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB)) {
            @Override
            public GroupCommit incrementAll(SortedMap<Long, Long> amounts) {
                throw new IllegalStateException("commit outcome unknown");
            }
        };
        long user = failing.create("failing-measured").orElseThrow().id();

        assertThatThrownBy(
                        () -> new IncrementCombiner(failing, new CounterMetrics(registry)).increment(user, 1, NOTHING))
                .hasMessage("commit outcome unknown");
        assertThat(registry.get("counter.strong.group.commit")
                        .tag("outcome", "failed")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("counter.strong.group.commit")
                        .tag("outcome", "committed")
                        .timer()
                        .count())
                .isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnknownUserFailsWithUserNotFound() {
        IncrementCombiner combiner = new IncrementCombiner(
                new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB)), metrics());

        assertThatThrownBy(() -> combiner.increment(987_654_321L, 1, NOTHING))
                .isInstanceOf(UserNotFoundException.class);
    }
}
