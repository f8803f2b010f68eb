package io.usercounter.app.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the idempotency table small: a retry comes within minutes, a key is kept for a day. */
@Component
public class IdempotencyKeyCleanup {

    static final Duration KEEP = Duration.ofHours(24);
    /** Rows per DELETE: each one locks little and commits fast, so increments never queue behind the cleanup. */
    static final int BATCH = 5_000;

    private final UserStore store;

    public IdempotencyKeyCleanup(UserStore store) {
        this.store = store;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void forgetOldKeys() {
        forgetKeysOlderThan(KEEP, BATCH);
    }

    /** @return how many keys were deleted, in DELETEs of at most {@code batch} rows each */
    int forgetKeysOlderThan(Duration age, int batch) {
        int total = 0;
        for (int deleted = batch; deleted == batch; total += deleted) {
            deleted = store.forgetIdempotencyKeysOlderThan(age, batch);
        }
        return total;
    }
}
