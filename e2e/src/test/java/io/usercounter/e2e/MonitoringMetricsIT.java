package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.usercounter.e2e.client.CounterServiceClient;
import io.usercounter.e2e.client.UserCounters;
import io.usercounter.e2e.cluster.ClusterTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the chart's Grafana dashboard and PrometheusRule read is exported by the running app or operator:
 * the real jars on the local stack, after an increment, a flush and reads, and after a reconciliation that failed.
 */
class MonitoringMetricsIT {

    private static final Path CHART =
            Path.of(System.getProperty("e2e.repository", ".."), "helm", "usercounter-operator");
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String NAMESPACE = "e2e-monitoring-" + SUFFIX;
    private static final String DATABASE = "e2e_mon_" + SUFFIX;
    private static final String TOKEN = "e2e-monitoring-token-" + SUFFIX;

    private static ClusterTarget target;

    @BeforeAll
    static void startTarget() {
        target = ClusterTarget.fromEnvironment();
        assumeTrue(
                target.operatorMetrics().isPresent(), "the operator's /metrics is reachable on the local stack only");
        target.createDatabase(DATABASE);
        target.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        target.client()
                .resource(UserCounterManifests.mysqlCredentials(NAMESPACE, target.databaseAccount()))
                .create();
        target.client()
                .resource(UserCounterManifests.apiToken(NAMESPACE, TOKEN))
                .create();
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.client().namespaces().withName(NAMESPACE).delete();
            target.dropDatabase(DATABASE);
            target.close();
        }
    }

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExportedByTheAppOrTheOperator() throws Exception {
        apply(monitored("counters"));
        UserCounters.awaitReady(target.client(), NAMESPACE, "counters", Duration.ofSeconds(150));
        // a Service of the same name that the operator did not make: creating its own fails, as a reconciliation can
        target.client()
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("clash")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(80)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        apply(monitored("clash"));

        CounterServiceClient service = target.service(NAMESPACE, "counters").withBearerToken(TOKEN);
        long user = service.createOrFindUser("monitored");
        service.increment(user, 3, Optional.of(UUID.randomUUID().toString())).expect(200);
        service.syncAll().expect(200);
        service.count(user, false).expect(200);
        service.count(user, false).expect(200);

        String app = scrape(service.base().resolve("/actuator/prometheus"));
        String operator = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> scrape(target.operatorMetrics().orElseThrow()),
                        scrape -> scrape.contains("operator_sdk_reconciliations_failed_total"));
        Set<String> exported = new TreeSet<>(MetricNames.inScrape(app));
        exported.addAll(MetricNames.inScrape(operator));

        Set<String> used = new TreeSet<>(MetricNames.inDashboard(CHART.resolve("monitoring/dashboard.json")));
        used.addAll(MetricNames.inRuleGroups(CHART.resolve("monitoring/alerts.yaml")));
        assertThat(used)
                .contains(
                        "counter_increments_total",
                        "counter_flush_lag_seconds",
                        "usercounter_ready",
                        "operator_sdk_reconciliations_failed_total",
                        "http_server_requests_seconds_count");
        assertThat(exported).as("names the app and the operator export").containsAll(used);
    }

    @Test
    void withoutThePrometheusOperatorTheStatusSaysNoPodMonitorWasCreated() {
        apply(monitored("unmonitored"));

        GenericKubernetesResource userCounter = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> UserCounters.of(target.client())
                                .inNamespace(NAMESPACE)
                                .withName("unmonitored")
                                .get(),
                        uc -> uc != null
                                && UserCounters.condition(uc, "Monitored").isPresent());

        assertThat(UserCounters.condition(userCounter, "Monitored").orElseThrow())
                .containsEntry("status", "False")
                .containsEntry("reason", "PodMonitorCrdNotFound");
    }

    private static GenericKubernetesResource monitored(String name) {
        GenericKubernetesResource userCounter = UserCounterManifests.userCounter(
                NAMESPACE,
                name,
                DATABASE,
                UserCounterManifests.MYSQL_SECRET,
                target.stores(),
                target.ingress(NAMESPACE, name));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) userCounter.getAdditionalProperties().get("spec");
        spec.put("replicas", 1);
        spec.put("monitoring", Map.of("podMonitor", true));
        return userCounter;
    }

    private static void apply(GenericKubernetesResource userCounter) {
        target.client().resource(userCounter).create();
    }

    private static String scrape(URI uri) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
            return response.body();
        }
    }
}
