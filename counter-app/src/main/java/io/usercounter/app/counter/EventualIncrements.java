package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.PendingIncrement;
import io.usercounter.app.store.CounterOutOfRangeException;
import io.usercounter.app.store.IdempotencyKeyReusedException;
import io.usercounter.app.store.StrongIncrement;
import io.usercounter.app.store.UserStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Eventual mode: one Redis script adds the delta to the value and to the pending amount. */
@Component
public class EventualIncrements {

    private static final int ATTEMPTS = 3;

    private final CounterCache cache;
    private final CacheFill fill;
    private final UserStore store;

    public EventualIncrements(CounterCache cache, CacheFill fill, UserStore store) {
        this.cache = cache;
        this.fill = fill;
        this.store = store;
    }

    public long increment(long userId, long by, String idempotencyKey) {
        boolean takeOverStaleReservation = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PendingIncrement result = takeOverStaleReservation
                    ? cache.addPendingOverStaleReservation(userId, by, idempotencyKey)
                    : cache.addPending(userId, by, idempotencyKey);
            if (result instanceof PendingIncrement.Added added) {
                return added.value();
            }
            if (result instanceof PendingIncrement.Replayed replayed) {
                return firstAnswer(replayed.firstBy(), by, replayed.value());
            }
            if (result instanceof PendingIncrement.OutOfRange refused) {
                throw new CounterOutOfRangeException(userId, refused.value(), by);
            }
            if (result instanceof PendingIncrement.InProgress) {
                if (takeOverStaleReservation) {
                    throw new IdempotencyKeyInProgressException(userId, idempotencyKey);
                }
                // a Strong replica reserved the key (a mode switch): its commit may be in MySQL already
                Optional<StrongIncrement> committed = store.recordedIncrement(userId, idempotencyKey);
                if (committed.isPresent()) {
                    cache.recordIncrement(
                            userId,
                            idempotencyKey,
                            committed.get().amount(),
                            committed.get().counter());
                    return firstAnswer(
                            committed.get().amount(), by, committed.get().counter());
                }
                takeOverStaleReservation = true;
            } else {
                // a miss: the script needs the MySQL value beneath the pending amounts, and proof the user exists
                fill.fill(userId);
            }
        }
        throw new CacheUnavailableException("the cached value of user " + userId + " keeps expiring", null);
    }

    private static long firstAnswer(long firstBy, long by, long value) {
        if (firstBy != by) {
            throw new IdempotencyKeyReusedException(firstBy, by);
        }
        return value;
    }
}
