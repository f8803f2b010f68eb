package io.usercounter.app.sync;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.config.CounterProperties;
import io.usercounter.app.metrics.CounterMetrics;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the flusher every COUNTER_SYNC_INTERVAL on every replica, in both modes (a Strong replica
 * finishes what Eventual replicas left), and once more when the app stops.
 */
@Component
public class FlushSchedule implements SmartLifecycle {

    /** Below the web server's phases, so it stops after in-flight requests have finished. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(FlushSchedule.class);

    private final Flusher flusher;
    private final CounterProperties properties;
    private final CounterMetrics metrics;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> task;
    private volatile boolean failing;

    public FlushSchedule(Flusher flusher, CounterProperties properties, CounterMetrics metrics) {
        this.flusher = flusher;
        this.properties = properties;
        this.metrics = metrics;
        metrics.syncIntervalIs(properties.syncInterval());
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "counter-flusher");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.syncInterval().toMillis();
        task = executor.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        task.cancel(false);
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
        log.info("last flush done before stop");
    }

    private void flushQuietly() {
        try {
            flusher.flushAll();
            if (failing) {
                log.info("flush works again; pending amounts are being caught up");
            }
            failing = false;
        } catch (RuntimeException e) {
            metrics.storeError(e instanceof CacheUnavailableException ? "redis" : "mysql");
            if (!failing) {
                log.warn("flush failed, claimed batches stay in Redis and are retried: {}", e.getMessage());
            }
            failing = true;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return task != null && !task.isCancelled();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
