package io.usercounter.app.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the idempotency table small: a retry comes within minutes, a key is kept for a day. */
@Component
public class IdempotencyKeyCleanup {

    static final Duration KEEP = Duration.ofHours(24);

    private final UserStore store;

    public IdempotencyKeyCleanup(UserStore store) {
        this.store = store;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void forgetOldKeys() {
        store.forgetIdempotencyKeysOlderThan(KEEP);
    }
}
