package io.usercounter.app.sync;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.CounterState;
import io.usercounter.app.counter.UserNotFoundException;
import io.usercounter.app.store.StoredUser;
import io.usercounter.app.store.UserStore;
import org.springframework.stereotype.Service;

/** Manual flushes and the per-user report of what is not in MySQL yet. */
@Service
public class SyncService {

    private final Flusher flusher;
    private final UserStore store;
    private final CounterCache cache;

    public SyncService(Flusher flusher, UserStore store, CounterCache cache) {
        this.flusher = flusher;
        this.store = store;
        this.cache = cache;
    }

    public SyncStatus status(long userId) {
        StoredUser user = store.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
        try {
            CounterState state = cache.state(userId);
            long pending = state.unflushedOver(user.appliedSeq());
            Long cached = state.cached() ? state.value() : null;
            boolean inSync = pending == 0 && (cached == null || cached == user.counter());
            return new SyncStatus(userId, cached, user.counter(), pending, inSync, user.lastSyncedAt());
        } catch (CacheUnavailableException e) {
            return new SyncStatus(userId, null, user.counter(), null, false, user.lastSyncedAt());
        }
    }

    public SyncStatus syncUser(long userId) {
        store.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
        flusher.flushUser(userId);
        return status(userId);
    }

    public FlushReport syncAll() {
        return flusher.flushAll();
    }
}
