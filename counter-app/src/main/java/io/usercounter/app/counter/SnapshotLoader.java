package io.usercounter.app.counter;

import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** Single flight: concurrent cache misses of one key on this replica share one MySQL read. */
@Component
public class SnapshotLoader {

    private final UserStore store;
    private final ConcurrentMap<Long, CompletableFuture<Optional<CounterSnapshot>>> inFlight =
            new ConcurrentHashMap<>();

    public SnapshotLoader(UserStore store) {
        this.store = store;
    }

    public Optional<CounterSnapshot> load(long userId) {
        CompletableFuture<Optional<CounterSnapshot>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<CounterSnapshot>> running = inFlight.putIfAbsent(userId, mine);
        if (running != null) {
            return join(running);
        }
        try {
            Optional<CounterSnapshot> loaded = store.snapshot(userId);
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(userId, mine);
        }
    }

    private static Optional<CounterSnapshot> join(CompletableFuture<Optional<CounterSnapshot>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
