package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.PendingIncrement;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.IdempotencyKeyReusedException;
import org.springframework.stereotype.Component;

/** Eventual mode: one Redis script adds the delta to the value and to the pending amount. */
@Component
public class EventualIncrements {

    private static final int ATTEMPTS = 3;

    private final CounterCache cache;
    private final CacheFill fill;

    public EventualIncrements(CounterCache cache, CacheFill fill) {
        this.cache = cache;
        this.fill = fill;
    }

    public long increment(long userId, long by, String idempotencyKey) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PendingIncrement result = cache.addPending(userId, by, idempotencyKey);
            if (result instanceof PendingIncrement.Added added) {
                return added.value();
            }
            if (result instanceof PendingIncrement.Replayed replayed) {
                if (replayed.firstBy() != by) {
                    throw new IdempotencyKeyReusedException(replayed.firstBy(), by);
                }
                return replayed.value();
            }
            if (result instanceof PendingIncrement.OutOfRange refused) {
                throw new CounterOutOfRangeException(userId, refused.value(), by);
            }
            // a miss: the script needs the MySQL value beneath the pending amounts, and proof the user exists
            fill.fill(userId);
        }
        throw new CacheUnavailableException("the cached value of user " + userId + " keeps expiring", null);
    }
}
