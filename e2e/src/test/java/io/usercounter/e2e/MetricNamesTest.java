package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MetricNames finds the metrics of the PromQL the chart's dashboard and alerts are written in, and nothing else. */
class MetricNamesTest {

    @Test
    void aSelectorInsideFunctionsAndAnAggregation() {
        assertThat(
                        MetricNames.inExpression(
                                "sum by (namespace, mode) (rate(counter_increments_total{namespace=~\"$namespace\"}[$__rate_interval]))"))
                .containsExactly("counter_increments_total");
    }

    @Test
    void bothSidesOfABinaryOperatorButNotNumbers() {
        assertThat(MetricNames.inExpression(
                        "counter_flush_lag_seconds > clamp_min(3 * counter_sync_interval_seconds, 60)"))
                .containsExactly("counter_flush_lag_seconds", "counter_sync_interval_seconds");
    }

    @Test
    void histogramBucketsAndQuantiles() {
        assertThat(
                        MetricNames.inExpression(
                                "histogram_quantile(0.95, sum by (le) (rate(operator_sdk_controllers_execution_reconcile_seconds_bucket[5m])))"))
                .containsExactly("operator_sdk_controllers_execution_reconcile_seconds_bucket");
    }

    @Test
    void setOperatorsOffsetsAndMatchingClausesAreNotMetrics() {
        assertThat(
                        MetricNames.inExpression(
                                "deriv(a_total[30m] offset 5m) > 0 and on (pod) group_left (store) b{result=\"hit\"} > bool 1e9"))
                .containsExactly("a_total", "b");
    }

    @Test
    void labelValuesInsideStringsAreNotMetrics() {
        assertThat(MetricNames.inExpression("max by (uri) (http_server_requests_seconds_max{uri=~\"/api/.*\"})"))
                .containsExactly("http_server_requests_seconds_max");
    }

    @Test
    void aScrapeGivesItsSampleNames() {
        assertThat(MetricNames.inScrape("""
        # HELP counter_increments_total acknowledged increments
        # TYPE counter_increments_total counter
        counter_increments_total{mode="eventual"} 3.0
        usercounter_ready 1.0
        """)).containsExactly("counter_increments_total", "usercounter_ready");
    }
}
