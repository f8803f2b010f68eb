package io.usercounter.helm;

import static io.usercounter.helm.OperatorChart.NAMESPACE;
import static io.usercounter.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus reads the operator's /metrics through a Service, and through a ServiceMonitor when asked for. */
class MetricsTest {

    private static final Map<String, String> OPERATOR_POD_SELECTOR =
            Map.of("app.kubernetes.io/name", "usercounter-operator", "app.kubernetes.io/instance", RELEASE);

    @Test
    void exposesTheHealthPortThroughAClusterIpService() {
        Service service = OperatorChart.renderDefaults().one(Service.class, RELEASE + "-metrics");

        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector()).isEqualTo(OPERATOR_POD_SELECTOR);
        assertThat(service.getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort, ServicePort::getTargetPort)
                .containsExactly(tuple("metrics", 8081, new IntOrString("health")));
    }

    @Test
    void selectsThePodsOfTheOperatorDeployment() {
        RenderedChart chart = OperatorChart.renderDefaults();

        assertThat(chart.operatorDeployment()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsAllEntriesOf(
                        chart.one(Service.class, RELEASE + "-metrics").getSpec().getSelector());
    }

    @Test
    void createsNoServiceMonitorByDefault() {
        assertThat(OperatorChart.renderDefaults().kinds()).doesNotContain("ServiceMonitor");
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceMonitorScrapesTheMetricsPortWhenEnabled() {
        GenericKubernetesResource monitor = OperatorChart.render(Map.of(
                        "metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.labels.release", "prometheus"))
                .one(GenericKubernetesResource.class, RELEASE);
        Map<String, Object> spec =
                (Map<String, Object>) monitor.getAdditionalProperties().get("spec");

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(spec.get("selector")).isEqualTo(Map.of("matchLabels", OPERATOR_POD_SELECTOR));
        assertThat(spec.get("namespaceSelector")).isEqualTo(Map.of("matchNames", List.of(NAMESPACE)));
        assertThat(spec.get("endpoints"))
                .isEqualTo(
                        List.of(Map.of("port", "metrics", "path", "/metrics", "interval", "30s", "honorLabels", true)));
    }

    @Test
    void refusesAServiceMonitorWithoutTheServiceItScrapes() {
        assertThatThrownBy(() -> OperatorChart.render(
                        Map.of("metrics.serviceMonitor.enabled", true, "metrics.service.enabled", false)))
                .hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }
}
