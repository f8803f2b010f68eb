package io.usercounter.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The series the chart's alerts read exist from the start, under their Prometheus names. */
class CounterMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CounterMetrics metrics = new CounterMetrics(registry);

    @Test
    void storeErrorsAreExportedAtZeroBeforeTheFirstError() {
        assertThat(registry.scrape())
                .contains(
                        "counter_store_errors_total{store=\"mysql\"} 0.0",
                        "counter_store_errors_total{store=\"redis\"} 0.0");
    }

    @Test
    void aStoreErrorCountsOnTheSameSeries() {
        metrics.storeError("redis");

        assertThat(registry.scrape()).contains("counter_store_errors_total{store=\"redis\"} 1.0");
    }

    @Test
    void theSyncIntervalIsExportedInSeconds() {
        metrics.syncIntervalIs(Duration.ofMillis(2500));

        assertThat(registry.scrape()).contains("counter_sync_interval_seconds 2.5");
    }
}
