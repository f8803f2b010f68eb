package io.usercounter.app.store;

import static io.usercounter.app.store.jooq.Tables.CACHE_REPAIRS;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Repository;

/** The cache repairs not done yet, in MySQL so that every replica, restarted or not, finishes them. */
@Repository
public class CacheRepairStore {

    private final DSLContext dsl;

    public CacheRepairStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void add(long userId) {
        try {
            dsl.insertInto(CACHE_REPAIRS)
                    .set(CACHE_REPAIRS.USER_ID, userId)
                    .set(CACHE_REPAIRS.CREATED_AT, LocalDateTime.now(ZoneOffset.UTC))
                    .execute();
        } catch (DataIntegrityViolationException | IntegrityConstraintViolationException e) {
            // already recorded: one repair covers every write before it
        }
    }

    public List<Long> oldest(int limit) {
        return dsl.select(CACHE_REPAIRS.USER_ID)
                .from(CACHE_REPAIRS)
                .orderBy(CACHE_REPAIRS.CREATED_AT)
                .limit(limit)
                .fetch(CACHE_REPAIRS.USER_ID);
    }

    public void remove(long userId) {
        dsl.deleteFrom(CACHE_REPAIRS).where(CACHE_REPAIRS.USER_ID.eq(userId)).execute();
    }
}
