package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.cache.CounterCache;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counters written to MySQL while Redis was unreachable. Their cached snapshot may be older than
 * MySQL, so it is dropped as soon as Redis answers again; the next read loads MySQL.
 */
@Component
public class CacheRepairs {

    private final CounterCache cache;
    private final Set<Long> stale = ConcurrentHashMap.newKeySet();

    public CacheRepairs(CounterCache cache) {
        this.cache = cache;
    }

    public void add(long userId) {
        stale.add(userId);
    }

    public int size() {
        return stale.size();
    }

    @Scheduled(fixedDelayString = "${counter.cache-repair-period-ms:1000}")
    public void repair() {
        for (Long userId : stale) {
            if (!stale.remove(userId)) {
                continue;
            }
            try {
                cache.forgetSnapshot(userId);
            } catch (CacheUnavailableException e) {
                stale.add(userId);
                return;
            }
        }
    }
}
