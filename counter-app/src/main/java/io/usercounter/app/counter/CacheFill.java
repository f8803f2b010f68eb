package io.usercounter.app.counter;

import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.CounterState;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import org.springframework.stereotype.Component;

/**
 * Fills a cache miss from MySQL. A deleted user's tombstone refuses the install; only a row read after
 * seeing the tombstone (so created after the delete) may clear it.
 */
@Component
public class CacheFill {

    private final SnapshotLoader loader;
    private final UserStore store;
    private final CounterCache cache;

    public CacheFill(SnapshotLoader loader, UserStore store, CounterCache cache) {
        this.loader = loader;
        this.store = store;
        this.cache = cache;
    }

    public CounterState fill(long userId) {
        CounterSnapshot loaded = loader.load(userId).orElseThrow(() -> new UserNotFoundException(userId));
        CounterState state = cache.install(loaded);
        if (state.cached()) {
            return state;
        }
        // refused: the user was deleted after our read, or the id exists again since the delete
        CounterSnapshot current = store.snapshot(userId).orElseThrow(() -> new UserNotFoundException(userId));
        return cache.installOverDeletion(current);
    }
}
