package io.usercounter.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.fixture.TestDatabase;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A user's last flush time: stored from the insert on, reported only once a flush wrote it. */
class LastSyncedAtTest {

    static final TestDatabase database = TestDatabase.create();
    static final UserStore store = new UserStore(DSL.using(database.migratedDataSource(), SQLDialect.MARIADB));

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aNewRowAlreadyHoldsTheColumnSoTheFirstFlushDoesNotGrowIt() {
        long id = store.create("in-place").orElseThrow().id();

        assertThat(database.queryLong("SELECT last_synced_at IS NULL FROM users WHERE id = " + id))
                .isZero();
    }

    @Test
    void aUserNeverFlushedReportsNoLastSyncUntilAFlushApplies() {
        long id = store.create("never-flushed").orElseThrow().id();

        assertThat(store.find(id).orElseThrow().lastSyncedAt()).isNull();
        store.applyBatch(List.of(new BatchEntry(id, 3, 1)), () -> {});
        assertThat(store.find(id).orElseThrow().lastSyncedAt()).isNotNull();
    }
}
