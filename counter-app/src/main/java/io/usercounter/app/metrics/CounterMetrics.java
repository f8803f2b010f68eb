package io.usercounter.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.usercounter.app.config.Consistency;
import java.time.Clock;
import java.time.Duration;
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

    public CounterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.flushDuration = Timer.builder("counter.flush.duration").description("time of one flush cycle")
                .register(registry);
        // counter_flush_lag_seconds: time since the last flush cycle that finished without error
        Gauge.builder("counter.flush.lag", this, m -> (clock.millis() - m.lastFlushMillis.get()) / 1000.0)
                .baseUnit("seconds").description("time since the last complete flush").register(registry);
        Gauge.builder("counter.sync.unflushed.users", unflushedUsers, AtomicLong::get)
                .description("users with amounts not yet in MySQL, at the last flush").register(registry);
        Gauge.builder("counter.sync.pending.amount", pendingAmount, AtomicLong::get)
                .description("amount claimed for MySQL at the last flush cycle").register(registry);
    }

    /** counter_increments_total{mode}: acknowledged increments. */
    public void incremented(Consistency mode) {
        Counter.builder("counter.increments").tag("mode", mode.wireName()).register(registry).increment();
    }

    /** counter_cache_requests_total{result=hit|miss}. */
    public void cacheHit() {
        Counter.builder("counter.cache.requests").tag("result", "hit").register(registry).increment();
    }

    public void cacheMiss() {
        Counter.builder("counter.cache.requests").tag("result", "miss").register(registry).increment();
    }

    /** counter_store_errors_total{store=mysql|redis}. */
    public void storeError(String store) {
        Counter.builder("counter.store.errors").tag("store", store).register(registry).increment();
    }

    /** counter_flush_batches_total and counter_flush_amount_total. */
    public void flushedBatch(int users, long amount) {
        Counter.builder("counter.flush.batches").register(registry).increment();
        Counter.builder("counter.flush.users").register(registry).increment(users);
        Counter.builder("counter.flush.amount").register(registry).increment(amount);
    }

    public void flushCycleCompleted(Duration took, long amount, long usersLeft) {
        flushDuration.record(took);
        lastFlushMillis.set(clock.millis());
        pendingAmount.set(amount);
        unflushedUsers.set(usersLeft);
    }
}
