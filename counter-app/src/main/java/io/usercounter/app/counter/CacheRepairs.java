package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.store.CacheRepairStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Counters written to MySQL while Redis was unreachable. Their cached snapshot may be older than
 * MySQL, so it is dropped as soon as Redis answers again; the next read loads MySQL. Each repair is
 * recorded in MySQL (replayed by any replica, after a restart too), and in memory while MySQL cannot
 * take it.
 */
@Component
public class CacheRepairs {

    static final int PER_RUN = 1_000;

    private final CounterCache cache;
    private final CacheRepairStore store;
    private final Set<Long> unrecorded = ConcurrentHashMap.newKeySet();
    /** True at start (replays what earlier runs recorded) and after each add; MySQL is not polled otherwise. */
    private volatile boolean maybeRecorded = true;

    public CacheRepairs(CounterCache cache, CacheRepairStore store) {
        this.cache = cache;
        this.store = store;
    }

    public void add(long userId) {
        maybeRecorded = true;
        try {
            store.add(userId);
        } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
            unrecorded.add(userId);
        }
    }

    public int size() {
        return unrecorded.size();
    }

    /** One run, every COUNTER_CACHE_REPAIR_PERIOD_MS ({@link CacheRepairSchedule}). */
    public void repair() {
        if (!maybeRecorded && unrecorded.isEmpty()) {
            return;
        }
        Set<Long> due = new LinkedHashSet<>(unrecorded);
        boolean recorded = maybeRecorded;
        if (recorded) {
            try {
                maybeRecorded = false;
                List<Long> oldest = store.oldest(PER_RUN);
                due.addAll(oldest);
                if (oldest.size() == PER_RUN) {
                    maybeRecorded = true;
                }
            } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
                maybeRecorded = true;
                recorded = false;
            }
        }
        for (Long userId : due) {
            try {
                cache.forgetSnapshot(userId);
            } catch (CacheUnavailableException e) {
                maybeRecorded = true;
                return;
            }
            unrecorded.remove(userId);
            if (recorded) {
                try {
                    store.remove(userId);
                } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
                    // dropping the snapshot again later is harmless
                    maybeRecorded = true;
                    recorded = false;
                }
            }
        }
    }
}
