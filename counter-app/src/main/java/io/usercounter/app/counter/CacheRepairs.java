package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.store.CacheRepairStore;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
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

    public CacheRepairs(CounterCache cache, CacheRepairStore store) {
        this.cache = cache;
        this.store = store;
    }

    public void add(long userId) {
        try {
            store.add(userId);
        } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
            unrecorded.add(userId);
        }
    }

    public int size() {
        return unrecorded.size();
    }

    @Scheduled(fixedDelayString = "${counter.cache-repair-period-ms:1000}")
    public void repair() {
        Set<Long> due = new LinkedHashSet<>(unrecorded);
        boolean recorded = true;
        try {
            due.addAll(store.oldest(PER_RUN));
        } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
            recorded = false;
        }
        for (Long userId : due) {
            try {
                cache.forgetSnapshot(userId);
            } catch (CacheUnavailableException e) {
                return;
            }
            unrecorded.remove(userId);
            if (recorded) {
                try {
                    store.remove(userId);
                } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
                    // dropping the snapshot again later is harmless
                    recorded = false;
                }
            }
        }
    }
}
