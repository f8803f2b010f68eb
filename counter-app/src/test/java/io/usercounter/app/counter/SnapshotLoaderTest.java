package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SnapshotLoaderTest {

    static final TestDatabase database = TestDatabase.create();

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Holds the first MySQL read until released, counting every read. */
    static final class HeldRead extends UserStore {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();

        HeldRead() {
            super(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));
        }

        @Override
        public Optional<CounterSnapshot> snapshot(long id) {
            reads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.snapshot(id);
        }
    }

    @Test
    void concurrentMissesOfOneKeyShareOneMysqlRead() {
        HeldRead store = new HeldRead();
        SnapshotLoader loader = new SnapshotLoader(store);
        long user = store.create("single-flight").orElseThrow().id();
        Thread[] waiters = new Thread[6];

        CompletableFuture<Optional<CounterSnapshot>> first = CompletableFuture.supplyAsync(() -> loader.load(user));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.reads.get() == 1);
        List<CompletableFuture<Optional<CounterSnapshot>>> others = IntStream.range(0, waiters.length)
                .mapToObj(i -> {
                    CompletableFuture<Optional<CounterSnapshot>> result = new CompletableFuture<>();
                    waiters[i] = new Thread(() -> result.complete(loader.load(user)));
                    waiters[i].start();
                    return result;
                })
                .toList();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Arrays.stream(waiters).allMatch(t -> t.getState() == Thread.State.WAITING));
        store.release.countDown();

        assertThat(first.join()).map(CounterSnapshot::userId).contains(user);
        assertThat(others.stream().map(CompletableFuture::join))
                .allMatch(loaded -> loaded.orElseThrow().userId() == user);
        assertThat(store.reads.get()).isEqualTo(1);
    }
}
