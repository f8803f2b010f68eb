package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.StrongIncrement;
import io.usercounter.app.store.UserStore;
import org.springframework.stereotype.Component;

/** Strong mode: commit to MySQL first, acknowledge after; the cache follows, versioned. */
@Component
public class StrongIncrements {

    private final UserStore store;
    private final CounterCache cache;
    private final CacheRepairs repairs;
    private final CounterMetrics metrics;

    public StrongIncrements(UserStore store, CounterCache cache, CacheRepairs repairs, CounterMetrics metrics) {
        this.store = store;
        this.cache = cache;
        this.repairs = repairs;
        this.metrics = metrics;
    }

    public long increment(long userId, long by, String idempotencyKey) {
        StrongIncrement done = store.increment(userId, by, idempotencyKey)
                .orElseThrow(() -> new UserNotFoundException(userId));
        return done.replayed() ? done.counter() : cacheCommitted(done.snapshot());
    }

    /** Caches a committed state; with Redis away the answer is MySQL's and the entry is repaired later. */
    public long cacheCommitted(CounterSnapshot committed) {
        try {
            return cache.install(committed).value();
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
            repairs.add(committed.userId());
            return committed.counter();
        }
    }
}
