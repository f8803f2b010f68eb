package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.CounterState;
import io.usercounter.app.config.Consistency;
import io.usercounter.app.config.CounterProperties;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import org.springframework.stereotype.Service;

/** Reads and writes of one counter, in the consistency mode this replica runs. */
@Service
public class CounterService {

    private final Consistency mode;
    private final StrongIncrements strong;
    private final EventualIncrements eventual;
    private final CounterCache cache;
    private final UserStore store;
    private final SnapshotLoader loader;
    private final CacheFill fill;
    private final CacheRepairs repairs;
    private final CounterMetrics metrics;
    private final CacheFallback fallback;

    public CounterService(
            CounterProperties properties,
            StrongIncrements strong,
            EventualIncrements eventual,
            CounterCache cache,
            UserStore store,
            SnapshotLoader loader,
            CacheFill fill,
            CacheRepairs repairs,
            CounterMetrics metrics) {
        this.mode = properties.consistency();
        this.strong = strong;
        this.eventual = eventual;
        this.cache = cache;
        this.store = store;
        this.loader = loader;
        this.fill = fill;
        this.repairs = repairs;
        this.metrics = metrics;
        this.fallback = new CacheFallback(metrics);
    }

    /** @return the value after this increment (or, for a retried Idempotency-Key, the first answer) */
    public long increment(long userId, long by, String idempotencyKey) {
        long value = mode == Consistency.STRONG
                ? strong.increment(userId, by, idempotencyKey)
                : eventual.increment(userId, by, idempotencyKey);
        metrics.incremented(mode);
        return value;
    }

    public CounterRead read(long userId) {
        return fallback.get(() -> readThroughCache(userId), () -> readDatabase(userId));
    }

    private CounterRead readThroughCache(long userId) {
        CounterState state = cache.state(userId);
        if (state.cached()) {
            metrics.cacheHit();
            return new CounterRead(userId, state.value(), CounterSource.CACHE);
        }
        metrics.cacheMiss();
        return new CounterRead(userId, fill.fill(userId).value(), CounterSource.DATABASE);
    }

    public CounterRead readDatabase(long userId) {
        CounterSnapshot mysql = loader.load(userId).orElseThrow(() -> new UserNotFoundException(userId));
        return new CounterRead(userId, mysql.counter(), CounterSource.DATABASE);
    }

    /**
     * Sets the value. The fence is reserved in Redis atomically with the claims and MySQL is fenced
     * with it, so no amount accepted before the set lands on top of the new value later. Without a fence
     * the set changes nothing, in Strong mode too: Eventual replicas of a mode switch may hold amounts in
     * Redis (or a fence whose reply was lost may have sealed them), and they would land on top of it.
     */
    public long set(long userId, long value) {
        long fence = cache.reserveFence(userId);
        CounterSnapshot committed =
                store.set(userId, value, fence).orElseThrow(() -> new UserNotFoundException(userId));
        try {
            return cache.afterSet(committed, fence).value();
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
            repairs.add(userId);
            if (mode == Consistency.EVENTUAL) {
                // committed, but the amounts the set overrides are still in Redis: not a finished set
                throw e;
            }
            return committed.counter();
        }
    }
}
