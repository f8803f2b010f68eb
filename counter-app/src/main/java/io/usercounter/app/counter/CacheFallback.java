package io.usercounter.app.counter;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.metrics.CounterMetrics;
import java.util.function.Supplier;

/**
 * A Redis step that the request survives: while Redis is away, the failure is counted
 * (counter_store_errors_total{store=redis}) and the fallback answers instead.
 */
final class CacheFallback {

    private final CounterMetrics metrics;

    CacheFallback(CounterMetrics metrics) {
        this.metrics = metrics;
    }

    /** @return the step's answer, or the fallback's while Redis is unavailable */
    <T> T get(Supplier<T> step, Supplier<T> fallback) {
        try {
            return step.get();
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
            return fallback.get();
        }
    }

    /** Runs the step, or the fallback while Redis is unavailable. */
    void run(Runnable step, Runnable fallback) {
        try {
            step.run();
        } catch (CacheUnavailableException e) {
            metrics.storeError("redis");
            fallback.run();
        }
    }

    /** Runs the step, or nothing while Redis is unavailable (only counted). */
    void run(Runnable step) {
        run(step, () -> {});
    }
}
