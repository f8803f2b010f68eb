package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.PendingIncrement;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.IdempotencyKeyReusedException;
import io.usercounter.app.store.StrongIncrement;
import io.usercounter.app.store.UserStore;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Strong mode: commit to MySQL first, acknowledge after; the cache follows, versioned. */
@Component
public class StrongIncrements {

    private final UserStore store;
    private final IncrementCombiner combiner;
    private final CounterCache cache;
    private final CacheRepairs repairs;
    private final CounterMetrics metrics;

    public StrongIncrements(UserStore store, IncrementCombiner combiner, CounterCache cache, CacheRepairs repairs,
                            CounterMetrics metrics) {
        this.store = store;
        this.combiner = combiner;
        this.cache = cache;
        this.repairs = repairs;
        this.metrics = metrics;
    }

    /** @return the committed value right after this increment */
    public long increment(long userId, long by, String idempotencyKey) {
        if (idempotencyKey == null) {
            return combiner.increment(userId, by, this::cacheCommitted).value();
        }
        Optional<PendingIncrement.Replayed> answeredInEventual = recordedInRedis(userId, idempotencyKey);
        if (answeredInEventual.isPresent()) {
            if (answeredInEventual.get().firstBy() != by) {
                throw new IdempotencyKeyReusedException(answeredInEventual.get().firstBy(), by);
            }
            return answeredInEventual.get().value();
        }
        // a keyed increment records its key in its own transaction, so it is not grouped
        StrongIncrement done = store.increment(userId, by, idempotencyKey)
                .orElseThrow(() -> new UserNotFoundException(userId));
        if (!done.replayed()) {
            cacheCommitted(done.snapshot());
            recordInRedis(userId, idempotencyKey, by, done.counter());
        }
        return done.counter();
    }

    /** A retry of an increment an Eventual replica answered (a mode switch); without Redis, MySQL's keys only. */
    private Optional<PendingIncrement.Replayed> recordedInRedis(long userId, String idempotencyKey) {
        try {
            return cache.recordedIncrement(userId, idempotencyKey);
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
            return Optional.empty();
        }
    }

    /** So a retry that reaches an Eventual replica after a switch back finds this answer too. */
    private void recordInRedis(long userId, String idempotencyKey, long by, long value) {
        try {
            cache.recordIncrement(userId, idempotencyKey, by, value);
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
        }
    }

    /** Caches the committed states of a group in one round trip; never throws (the group is committed). */
    private void cacheCommitted(Collection<CounterSnapshot> committed) {
        try {
            cache.installAll(committed);
        } catch (RuntimeException e) {
            metrics.storeError("redis");
            committed.forEach(state -> repairs.add(state.userId()));
        }
    }

    /** Caches a committed state; with Redis away the entry is repaired once Redis is back. */
    public void cacheCommitted(CounterSnapshot committed) {
        try {
            cache.install(committed);
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
            repairs.add(committed.userId());
        }
    }
}
