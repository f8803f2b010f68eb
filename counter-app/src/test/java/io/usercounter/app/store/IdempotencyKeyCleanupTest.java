package io.usercounter.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.fixture.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class IdempotencyKeyCleanupTest {

    static final TestDatabase database = TestDatabase.create();

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Records how many rows each DELETE removed. */
    static final class RecordingStore extends UserStore {
        final List<Integer> deletes = new CopyOnWriteArrayList<>();

        RecordingStore() {
            super(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));
        }

        @Override
        public int forgetIdempotencyKeysOlderThan(Duration age, int limit) {
            int deleted = super.forgetIdempotencyKeysOlderThan(age, limit);
            deletes.add(deleted);
            return deleted;
        }
    }

    @Test
    void oldKeysAreDeletedInBoundedBatchesAndRecentOnesAreKept() throws Exception {
        RecordingStore store = new RecordingStore();
        long user = store.create("keyed").orElseThrow().id();
        for (int i = 0; i < 12; i++) {
            store.increment(user, 1, "old-" + i);
        }
        try (Connection connection = database.migratedDataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE idempotency_keys SET created_at = created_at - INTERVAL 2 DAY");
        }
        store.increment(user, 1, "recent");

        int deleted = new IdempotencyKeyCleanup(store).forgetKeysOlderThan(IdempotencyKeyCleanup.KEEP, 5);

        assertThat(deleted).isEqualTo(12);
        assertThat(store.deletes).containsExactly(5, 5, 2);
        assertThat(database.queryLong("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = 'recent'"))
                .isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM idempotency_keys")).isEqualTo(1);
    }
}
