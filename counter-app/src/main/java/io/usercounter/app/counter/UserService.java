package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.CounterState;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.StoredUser;
import io.usercounter.app.store.UserStore;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

@Service
public class UserService {

    private final UserStore store;
    private final CounterCache cache;
    private final CacheRepairs repairs;
    private final CacheFallback fallback;

    public UserService(UserStore store, CounterCache cache, CacheRepairs repairs, CounterMetrics metrics) {
        this.store = store;
        this.cache = cache;
        this.repairs = repairs;
        this.fallback = new CacheFallback(metrics);
    }

    /** @param username valid by the API's rules, which checked it */
    public UserView create(String username) {
        StoredUser created = store.create(username).orElseThrow(() -> new UsernameTakenException(username));
        return new UserView(created, 0);
    }

    public UserView find(long userId) {
        return view(store.find(userId).orElseThrow(() -> new UserNotFoundException(userId)));
    }

    public List<UserView> page(long afterId, int limit) {
        List<StoredUser> page = store.page(afterId, limit);
        return fallback.get(
                () -> {
                    List<CounterState> states =
                            cache.states(page.stream().map(StoredUser::id).toList());
                    return IntStream.range(0, page.size())
                            .mapToObj(i -> new UserView(page.get(i), visible(page.get(i), states.get(i))))
                            .toList();
                },
                () -> page.stream()
                        .map(user -> new UserView(user, user.counter()))
                        .toList());
    }

    /**
     * Deletes the row, then what Redis holds of the user. A delete whose Redis step fails is not finished,
     * in either mode: a cached snapshot would still answer reads (and Eventual increments), so the client
     * gets a 503 and retries. The retry's 404 evicts again, even when this master holds nothing of the user
     * (the earlier eviction may have run here only), and waits, like a first answer, until the replicas a
     * failover could promote hold the tombstone.
     */
    public void delete(long userId) {
        boolean deleted = store.delete(userId);
        try {
            cache.evict(userId);
        } catch (CacheUnavailableException e) {
            if (deleted) {
                repairs.add(userId);
            }
            throw e;
        }
        if (!deleted) {
            throw new UserNotFoundException(userId);
        }
    }

    private static long visible(StoredUser user, CounterState state) {
        return state.cached() ? state.value() : state.valueOver(user.snapshot());
    }

    /** MySQL's row plus the amounts Redis holds that are not in MySQL yet. */
    private UserView view(StoredUser user) {
        return fallback.get(
                () -> new UserView(user, visible(user, cache.state(user.id()))),
                () -> new UserView(user, user.counter()));
    }
}
