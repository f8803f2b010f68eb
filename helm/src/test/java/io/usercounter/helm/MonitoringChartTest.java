package io.usercounter.helm;

import static io.usercounter.helm.OperatorChart.NAMESPACE;
import static io.usercounter.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard and the PrometheusRule: off by default, well-formed, and every alert linked to its runbook. */
class MonitoringChartTest {

    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");
    private static final String RUNBOOK = "https://github.com/usercounter/usercounter/blob/main/docs/operations.md";

    @Test
    void shipsNeitherDashboardNorRulesByDefault() {
        assertThat(OperatorChart.renderDefaults().kinds()).doesNotContain("ConfigMap", "PrometheusRule");
    }

    @Test
    void dashboardIsAConfigMapThatGrafanasSidecarLoads() {
        ConfigMap dashboard = OperatorChart.render(Map.of("metrics.grafanaDashboard.enabled", true))
                .one(ConfigMap.class, RELEASE + "-dashboard");

        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).containsOnlyKeys("usercounter.json");
    }

    @Test
    void dashboardGoesToTheNamespaceGrafanaWatchesWhenGiven() {
        ConfigMap dashboard = OperatorChart.render(Map.of(
                        "metrics.grafanaDashboard.enabled",
                        true,
                        "metrics.grafanaDashboard.namespace",
                        "monitoring",
                        "metrics.grafanaDashboard.labels.team",
                        "platform"))
                .one(ConfigMap.class, RELEASE + "-dashboard");

        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("team", "platform");
    }

    @Test
    void dashboardIsJsonWithAPanelForEachSignal() throws IOException {
        JsonNode dashboard = renderedDashboard();

        assertThat(dashboard.path("uid").asText()).isEqualTo("usercounter");
        assertThat(panels(dashboard))
                .extracting(panel -> panel.path("title").asText())
                .contains(
                        "Increments by mode",
                        "Flush lag",
                        "Pending amount and unflushed users",
                        "Store errors",
                        "Cache hit ratio",
                        "Request latency",
                        "Reconciliations",
                        "Reconciliation duration",
                        "UserCounters ready");
        assertThat(panels(dashboard))
                .filteredOn(panel -> !panel.path("type").asText().equals("row"))
                .allSatisfy(panel -> assertThat(panel.path("targets"))
                        .isNotEmpty()
                        .allSatisfy(target ->
                                assertThat(target.path("expr").asText()).isNotBlank()));
    }

    @Test
    void prometheusRuleHasTheFiveAlerts() {
        assertThat(alerts(OperatorChart.render(Map.of("metrics.prometheusRule.enabled", true))))
                .extracting(alert -> alert.get("alert"))
                .containsExactly(
                        "UserCounterFlushLagHigh",
                        "UserCounterPendingAmountGrowing",
                        "UserCounterStoreErrors",
                        "UserCounterNotReady",
                        "UserCounterOperatorReconcileFailures");
    }

    @Test
    void everyAlertHasAnExpressionADurationASeverityAndASummary() {
        assertThat(alerts(OperatorChart.render(Map.of("metrics.prometheusRule.enabled", true))))
                .allSatisfy(alert -> {
                    assertThat((String) alert.get("expr")).isNotBlank();
                    assertThat((String) alert.get("for")).matches("[0-9]+m");
                    assertThat(alert.get("labels")).isEqualTo(Map.of("severity", "warning"));
                    assertThat(annotations(alert)).containsKeys("summary", "description", "runbook_url");
                });
    }

    @Test
    void prometheusTemplatesReachTheRuleUntouchedByHelm() {
        var notReady = alerts(OperatorChart.render(Map.of("metrics.prometheusRule.enabled", true)))
                .get(3);

        assertThat(annotations(notReady).get("summary"))
                .isEqualTo("UserCounter {{ $labels.namespace }}/{{ $labels.name }} has not been Ready for 10 minutes.");
    }

    @Test
    void everyRunbookUrlPointsToASectionOfTheOperationsGuide() throws IOException {
        Set<String> anchors = Files.readAllLines(OPERATIONS).stream()
                .filter(line -> line.startsWith("#"))
                .map(MonitoringChartTest::githubAnchor)
                .collect(Collectors.toSet());

        assertThat(alerts(OperatorChart.render(Map.of("metrics.prometheusRule.enabled", true))))
                .allSatisfy(alert -> {
                    String url = annotations(alert).get("runbook_url");
                    assertThat(url).startsWith(RUNBOOK + "#");
                    assertThat(anchors)
                            .as("sections of docs/operations.md")
                            .contains(url.substring(url.indexOf('#') + 1));
                });
    }

    @Test
    void runbookUrlFollowsTheValue() {
        var alerts = alerts(OperatorChart.render(Map.of(
                "metrics.prometheusRule.enabled",
                true,
                "metrics.prometheusRule.runbookUrl",
                "https://wiki.example.com/usercounter")));

        assertThat(annotations(alerts.get(0)).get("runbook_url"))
                .isEqualTo("https://wiki.example.com/usercounter#flush-lag-grows");
    }

    @Test
    void ruleLabelsLetAPrometheusSelectIt() {
        GenericKubernetesResource rule = OperatorChart.render(Map.of(
                        "metrics.prometheusRule.enabled", true, "metrics.prometheusRule.labels.release", "prometheus"))
                .one(GenericKubernetesResource.class, RELEASE);

        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.getKind()).isEqualTo("PrometheusRule");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
    }

    @Test
    void rejectsARunbookUrlThatAlreadyHasAnAnchor() {
        assertThatThrownBy(
                        () -> OperatorChart.renderWithValuesFile(
                                "metrics: {prometheusRule: {enabled: true, runbookUrl: 'https://wiki.example.com/x#runbook'}}\n"))
                .hasMessageContaining("at '/metrics/prometheusRule/runbookUrl'");
    }

    @Test
    void rejectsTheDashboardSwitchGivenAsAString() {
        assertThatThrownBy(
                        () -> OperatorChart.renderWithValuesFile("metrics: {grafanaDashboard: {enabled: \"yes\"}}\n"))
                .hasMessageContaining("at '/metrics/grafanaDashboard/enabled': got string, want boolean");
    }

    private static JsonNode renderedDashboard() throws IOException {
        ConfigMap dashboard = OperatorChart.render(Map.of("metrics.grafanaDashboard.enabled", true))
                .one(ConfigMap.class, RELEASE + "-dashboard");
        return new ObjectMapper().readTree(dashboard.getData().get("usercounter.json"));
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        return StreamSupport.stream(dashboard.path("panels").spliterator(), false)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(RenderedChart chart) {
        GenericKubernetesResource rule = chart.one(GenericKubernetesResource.class, RELEASE);
        var spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
        return ((List<Map<String, Object>>) spec.get("groups"))
                .stream()
                        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> annotations(Map<String, Object> alert) {
        return (Map<String, String>) alert.get("annotations");
    }

    /** The id GitHub gives a heading: lower case, punctuation but hyphens dropped, spaces to hyphens. */
    static String githubAnchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "")
                .replace(' ', '-');
    }
}
