package io.usercounter.app.counter;

import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.KeyReservation;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.IdempotencyKeyReusedException;
import io.usercounter.app.store.StrongIncrement;
import io.usercounter.app.store.UserStore;
import java.util.Collection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/** Strong mode: commit to MySQL first, acknowledge after; the cache follows, versioned. */
@Component
public class StrongIncrements {

    private final UserStore store;
    private final IncrementCombiner combiner;
    private final CounterCache cache;
    private final CacheRepairs repairs;
    private final CounterMetrics metrics;
    private final CacheFallback fallback;

    public StrongIncrements(
            UserStore store,
            IncrementCombiner combiner,
            CounterCache cache,
            CacheRepairs repairs,
            CounterMetrics metrics) {
        this.store = store;
        this.combiner = combiner;
        this.cache = cache;
        this.repairs = repairs;
        this.metrics = metrics;
        this.fallback = new CacheFallback(metrics);
    }

    /** @return the committed value right after this increment */
    public long increment(long userId, long by, String idempotencyKey) {
        if (idempotencyKey == null) {
            return combiner.increment(userId, by, this::cacheCommitted).value();
        }
        KeyReservation reservation = reserve(userId, idempotencyKey);
        if (reservation instanceof KeyReservation.Answered answered) {
            // answered before, by this mode or by an Eventual replica before a switch
            if (answered.first().firstBy() != by) {
                throw new IdempotencyKeyReusedException(answered.first().firstBy(), by);
            }
            return answered.first().value();
        }
        StrongIncrement done;
        try {
            // a keyed increment records its key in its own transaction, so it is not grouped
            done = store.increment(userId, by, idempotencyKey).orElseThrow(() -> new UserNotFoundException(userId));
        } catch (UserNotFoundException
                | IdempotencyKeyReusedException
                | CounterOutOfRangeException
                | CannotCreateTransactionException refusedBeforeCommit) {
            release(userId, idempotencyKey, reservation);
            throw refusedBeforeCommit;
        }
        if (!done.replayed()) {
            cacheCommitted(done.snapshot());
        }
        recordInRedis(userId, idempotencyKey, by, done.counter());
        return done.counter();
    }

    private KeyReservation reserve(long userId, String idempotencyKey) {
        return fallback.get(() -> cache.reserve(userId, idempotencyKey), KeyReservation.Unreserved::new);
    }

    /** After a refusal nothing was committed: the key is free again for a retry on any replica. */
    private void release(long userId, String idempotencyKey, KeyReservation reservation) {
        if (reservation instanceof KeyReservation.Reserved ours) {
            // Redis away: the reservation lapses after its lease, refusing Eventual retries as in progress until then
            fallback.run(() -> cache.release(userId, idempotencyKey, ours));
        }
    }

    /** Replaces the reservation with the answer, where an Eventual replica looks for a retried key. */
    private void recordInRedis(long userId, String idempotencyKey, long by, long value) {
        fallback.run(() -> cache.recordIncrement(userId, idempotencyKey, by, value));
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
        fallback.run(() -> cache.install(committed), () -> repairs.add(committed.userId()));
    }
}
