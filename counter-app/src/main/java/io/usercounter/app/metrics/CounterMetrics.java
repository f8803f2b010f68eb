package io.usercounter.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.usercounter.app.config.Consistency;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The meters someone running this service watches; Prometheus names in the comments. */
@Component
public class CounterMetrics {

    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong lastFlushMillis = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong unflushedUsers = new AtomicLong();
    private final AtomicLong pendingAmount = new AtomicLong();
    private final Timer flushDuration;
    private final Map<Consistency, Counter> increments = new EnumMap<>(Consistency.class);
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter flushBatches;
    private final Counter flushUsers;
    private final Counter flushAmount;
    private final Counter flushRefused;
    private final Counter fencedOut;
    private final Timer groupWait;
    private final DistributionSummary groupSize;
    private final Timer groupCommitted;
    private final Timer groupFailed;

    public CounterMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered once: the increment path only bumps them
        for (Consistency mode : Consistency.values()) {
            increments.put(
                    mode,
                    Counter.builder("counter.increments")
                            .tag("mode", mode.wireName())
                            .description("acknowledged increments")
                            .register(registry));
        }
        // at 0 from the start: an increase() alert sees the first error only against an earlier sample
        for (String store : List.of("mysql", "redis")) {
            storeErrors(store);
        }
        this.cacheHits =
                Counter.builder("counter.cache.requests").tag("result", "hit").register(registry);
        this.cacheMisses =
                Counter.builder("counter.cache.requests").tag("result", "miss").register(registry);
        this.flushBatches = Counter.builder("counter.flush.batches")
                .description("batches written to MySQL")
                .register(registry);
        this.flushUsers = Counter.builder("counter.flush.users").register(registry);
        this.flushRefused = Counter.builder("counter.flush.refused")
                .description("batch rows left claimed because they would take a counter out of range")
                .register(registry);
        this.flushAmount = Counter.builder("counter.flush.amount")
                .description("amount written to MySQL")
                .register(registry);
        this.fencedOut = Counter.builder("counter.flush.fenced.out")
                .description("claimed batches MySQL ignored because a higher seq was applied")
                .register(registry);
        this.flushDuration = Timer.builder("counter.flush.duration")
                .description("time of one flush cycle")
                .register(registry);
        // Strong group commits, one sample per group: where an increment's latency goes (queue or MySQL)
        this.groupWait = Timer.builder("counter.strong.group.wait")
                .publishPercentileHistogram()
                .description("time the oldest increment of a group queued before its commit began")
                .register(registry);
        this.groupSize = DistributionSummary.builder("counter.strong.group.size")
                .baseUnit("increments")
                .publishPercentileHistogram()
                .description("increments committed in one group")
                .register(registry);
        this.groupCommitted = groupCommit(registry, "committed");
        this.groupFailed = groupCommit(registry, "failed");
        // counter_flush_lag_seconds: time since the last flush cycle that finished without error
        Gauge.builder("counter.flush.lag", this, m -> (clock.millis() - m.lastFlushMillis.get()) / 1000.0)
                .baseUnit("seconds")
                .description("time since the last complete flush")
                .register(registry);
        Gauge.builder("counter.sync.unflushed.users", unflushedUsers, AtomicLong::get)
                .description("users with amounts not yet in MySQL, at the last flush")
                .register(registry);
        Gauge.builder("counter.sync.pending.amount", pendingAmount, AtomicLong::get)
                .description("amount claimed for MySQL at the last flush cycle")
                .register(registry);
    }

    private static Timer groupCommit(MeterRegistry registry, String outcome) {
        return Timer.builder("counter.strong.group.commit")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .description("time of one group's MySQL transaction, from its first statement to its commit")
                .register(registry);
    }

    /**
     * counter_strong_group_wait_seconds, counter_strong_group_size_increments and
     * counter_strong_group_commit_seconds{outcome=committed|failed}.
     */
    public void strongGroup(int size, Duration queued, Duration commit, boolean committed) {
        groupWait.record(queued);
        groupSize.record(size);
        (committed ? groupCommitted : groupFailed).record(commit);
    }

    /** counter_increments_total{mode}: acknowledged increments. */
    public void incremented(Consistency mode) {
        increments.get(mode).increment();
    }

    /** counter_cache_requests_total{result=hit|miss}. */
    public void cacheHit() {
        cacheHits.increment();
    }

    public void cacheMiss() {
        cacheMisses.increment();
    }

    /** counter_store_errors_total{store=mysql|redis}. */
    public void storeError(String store) {
        storeErrors(store).increment();
    }

    private Counter storeErrors(String store) {
        return Counter.builder("counter.store.errors").tag("store", store).register(registry);
    }

    /** counter_sync_interval_seconds: COUNTER_SYNC_INTERVAL, so that an alert can compare the flush lag with it. */
    public void syncIntervalIs(Duration interval) {
        Gauge.builder("counter.sync.interval", interval, d -> d.toNanos() / 1e9)
                .baseUnit("seconds")
                .description("COUNTER_SYNC_INTERVAL: how often every replica flushes")
                .strongReference(true)
                .register(registry);
    }

    /** counter_flush_batches_total and counter_flush_amount_total. */
    public void flushRefused(int rows) {
        flushRefused.increment(rows);
    }

    public void flushedBatch(int users, long amount) {
        flushBatches.increment();
        flushUsers.increment(users);
        flushAmount.increment(amount);
    }

    /** counter_flush_fenced_out_total: a batch MySQL ignored (a set's fence or a higher applied seq). */
    public void fencedOut() {
        fencedOut.increment();
    }

    public void flushCycleCompleted(Duration took, long amount, long usersLeft) {
        flushDuration.record(took);
        lastFlushMillis.set(clock.millis());
        pendingAmount.set(amount);
        unflushedUsers.set(usersLeft);
    }
}
