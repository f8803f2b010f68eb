package io.usercounter.app.sync;

import io.usercounter.app.cache.ClaimedBatch;
import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.BatchEntry;
import io.usercounter.app.store.CounterRange;
import io.usercounter.app.store.CounterSnapshot;
import io.usercounter.app.store.UserStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves Eventual deltas into MySQL: claim (Redis, atomic, seq-numbered) -> apply (one MySQL
 * transaction fenced by seq) -> acknowledge (Redis, fenced by seq). Any replica may run it at any
 * time, several at once; a batch left behind by a dead replica is returned by the next claim.
 */
public class Flusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Flusher.class);

    /** Users per claim, so rows per transaction: 5,000 or 10,000 gained nothing beyond noise, blocked Redis 3-8x longer. */
    static final int BATCH_LIMIT = 1_000;

    static final int PARALLEL_SHARDS = 4;

    private final CounterCache cache;
    private final UserStore store;
    private final CounterMetrics metrics;
    private final FlushHook hook;
    private final ExecutorService workers = Executors.newFixedThreadPool(PARALLEL_SHARDS, runnable -> {
        Thread thread = new Thread(runnable, "counter-flush-worker");
        thread.setDaemon(true);
        return thread;
    });

    public Flusher(CounterCache cache, UserStore store, CounterMetrics metrics, FlushHook hook) {
        this.cache = cache;
        this.store = store;
        this.metrics = metrics;
        this.hook = hook;
    }

    /**
     * Flushes every shard, several shards at once so that Redis and MySQL work overlap; a store
     * failure stops the cycle and leaves the claimed batches for later.
     */
    public FlushReport flushAll() {
        long started = System.nanoTime();
        List<Future<FlushReport>> shards = new ArrayList<>();
        for (int shard = 0; shard < CounterKeys.SHARDS; shard++) {
            int current = shard;
            shards.add(workers.submit(() -> flushShard(current)));
        }
        FlushReport report = FlushReport.EMPTY;
        RuntimeException failure = null;
        for (Future<FlushReport> shard : shards) {
            try {
                report = report.plus(shard.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException cause
                        ? cause
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("flush interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        metrics.flushCycleCompleted(
                Duration.ofNanos(System.nanoTime() - started), report.amount(), cache.unflushedUsers());
        return report;
    }

    private FlushReport flushShard(int shard) {
        ClaimedBatch batch = cache.claim(shard, BATCH_LIMIT);
        FlushReport report = flush(batch);
        if (batch.entries().size() > batch.freshClaims()) {
            // batches a dead replica left are done now: what was added behind them is claimable at once
            batch = cache.claim(shard, BATCH_LIMIT);
            report = report.plus(flush(batch));
        }
        while (batch.freshClaims() == BATCH_LIMIT) {
            batch = cache.claim(shard, BATCH_LIMIT);
            report = report.plus(flush(batch));
        }
        return report;
    }

    public FlushReport flushUser(long userId) {
        return flush(cache.claimUser(userId));
    }

    /** The row exists but neither took the batch nor had a later one (a fenced-out batch has applied_seq ≥ seq). */
    private static boolean outOfRange(BatchEntry entry, Map<Long, CounterSnapshot> committed) {
        CounterSnapshot state = committed.get(entry.userId());
        return state != null && state.appliedSeq() < entry.seq();
    }

    /** A row at a later applied seq than the batch's did not take it: never silent. */
    private void countFencedOut(ClaimedBatch batch, Map<Long, CounterSnapshot> committed) {
        for (BatchEntry entry : batch.entries()) {
            CounterSnapshot row = committed.get(entry.userId());
            if (row != null && row.appliedSeq() > entry.seq()) {
                metrics.fencedOut();
                log.warn(
                        "batch of user {} (amount {}, seq {}) fenced out: MySQL has applied seq {}",
                        entry.userId(),
                        entry.delta(),
                        entry.seq(),
                        row.appliedSeq());
            }
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }

    private FlushReport flush(ClaimedBatch batch) {
        if (batch.isEmpty()) {
            return FlushReport.EMPTY;
        }
        hook.reached(FlushStep.CLAIMED);
        Map<Long, CounterSnapshot> committed =
                store.applyBatch(batch.entries(), () -> hook.reached(FlushStep.APPLYING));
        hook.reached(FlushStep.COMMITTED);
        countFencedOut(batch, committed);
        List<BatchEntry> refused = batch.entries().stream()
                .filter(entry -> outOfRange(entry, committed))
                .toList();
        if (!refused.isEmpty()) {
            // kept claimed, not acknowledged: nothing is lost, and the rest of the batch goes on
            metrics.flushRefused(refused.size());
            log.error(
                    "flush left {} row(s) claimed that would exceed the largest count {}: {}",
                    refused.size(),
                    CounterRange.MAX,
                    refused);
            batch = new ClaimedBatch(
                    batch.shard(),
                    batch.entries().stream()
                            .filter(entry -> !refused.contains(entry))
                            .toList(),
                    batch.freshClaims());
        }
        cache.acknowledge(batch, committed);
        metrics.flushedBatch(batch.entries().size(), batch.amount());
        return new FlushReport(1, batch.entries().size(), batch.amount());
    }
}
