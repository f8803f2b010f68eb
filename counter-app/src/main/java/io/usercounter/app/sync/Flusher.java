package io.usercounter.app.sync;

import io.usercounter.app.cache.ClaimedBatch;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import java.time.Duration;
import java.util.Map;

/**
 * Moves Eventual deltas into MySQL: claim (Redis, atomic, seq-numbered) -> apply (one MySQL
 * transaction fenced by seq) -> acknowledge (Redis, fenced by seq). Any replica may run it at any
 * time, several at once; a batch left behind by a dead replica is returned by the next claim.
 */
public class Flusher {

    static final int BATCH_LIMIT = 2_000;

    private final CounterCache cache;
    private final UserStore store;
    private final CounterMetrics metrics;
    private final FlushHook hook;

    public Flusher(CounterCache cache, UserStore store, CounterMetrics metrics, FlushHook hook) {
        this.cache = cache;
        this.store = store;
        this.metrics = metrics;
        this.hook = hook;
    }

    /** Flushes every shard; a store failure stops the cycle and leaves the claimed batches for later. */
    public FlushReport flushAll() {
        long started = System.nanoTime();
        FlushReport report = FlushReport.EMPTY;
        for (int shard = 0; shard < CounterKeys.SHARDS; shard++) {
            ClaimedBatch batch;
            do {
                batch = cache.claim(shard, BATCH_LIMIT);
                report = report.plus(flush(batch));
            } while (batch.freshClaims() == BATCH_LIMIT);
        }
        metrics.flushCycleCompleted(Duration.ofNanos(System.nanoTime() - started), report.amount(),
                cache.unflushedUsers());
        return report;
    }

    public FlushReport flushUser(long userId) {
        return flush(cache.claimUser(userId));
    }

    private FlushReport flush(ClaimedBatch batch) {
        if (batch.isEmpty()) {
            return FlushReport.EMPTY;
        }
        hook.reached(FlushStep.CLAIMED);
        Map<Long, CounterSnapshot> committed = store.applyBatch(batch.entries(), () -> hook.reached(FlushStep.APPLYING));
        hook.reached(FlushStep.COMMITTED);
        cache.acknowledge(batch, committed);
        metrics.flushedBatch(batch.entries().size(), batch.amount());
        return new FlushReport(1, batch.entries().size(), batch.amount());
    }
}
