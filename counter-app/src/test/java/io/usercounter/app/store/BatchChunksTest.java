package io.usercounter.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.fixture.RowLock;
import io.usercounter.app.fixture.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A flush batch larger than one statement is applied in chunks, all in one transaction. */
class BatchChunksTest {

    static final TestDatabase database = TestDatabase.create();
    static final UserStore store = new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void rowOfALaterChunkIsReportedAsCommittedNotAsTheTransactionFirstSawIt() {
        int firstChunk = UserStore.ROWS_PER_STATEMENT;
        // the second chunk's rows lie well past the first's: its UPDATE also locks a few rows after its last
        long locked = firstChunk + 50;
        long fencedOut = firstChunk + 100;
        database.update("INSERT INTO users (username, created_at, updated_at) VALUES "
                + LongStream.rangeClosed(1, fencedOut)
                        .mapToObj(i -> "('chunk-" + i + "', NOW(3), NOW(3))")
                        .collect(Collectors.joining(", ")));
        // the batch seq is at or below this row's applied seq: the flush leaves the row as it is
        database.update("UPDATE users SET applied_seq = 10 WHERE id = " + fencedOut);
        List<BatchEntry> batch = LongStream.concat(
                        LongStream.rangeClosed(1, firstChunk), LongStream.of(locked, fencedOut))
                .mapToObj(id -> new BatchEntry(id, 1, 5))
                .toList();

        CompletableFuture<Map<Long, CounterSnapshot>> flush;
        try (RowLock lock = RowLock.on(database, locked)) {
            flush = CompletableFuture.supplyAsync(() -> store.applyBatch(batch, () -> {}));
            // the first chunk is applied and read; the second waits for the locked row
            awaitStatementOnRow(locked);
            database.update("UPDATE users SET counter = 99, version = version + 1 WHERE id = " + fencedOut);
        }
        Map<Long, CounterSnapshot> committed = flush.join();

        assertThat(committed.get(fencedOut)).isEqualTo(new CounterSnapshot(fencedOut, 99, 1, 10));
        assertThat(committed.get(locked).counter()).isEqualTo(1);
        assertThat(committed).hasSize(firstChunk + 2);
    }

    /** Waits until the flush runs the chunk that starts at this row (and waits there for its lock). */
    private static void awaitStatementOnRow(long firstRowOfChunk) {
        String sql = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + database.name()
                + "' AND INFO LIKE 'update `users` join json_table(''[[" + firstRowOfChunk + ",%'";
        await().atMost(Duration.ofSeconds(20)).until(() -> database.queryLong(sql) == 1);
    }
}
