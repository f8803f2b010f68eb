package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.usercounter.operator.api.v1alpha1.MonitoringSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import io.usercounter.operator.dependent.PodMonitor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * spec.monitoring.podMonitor with the real operator on the local stack's API server: a PodMonitor when the cluster
 * has the Prometheus Operator's CRD, and a status that says why there is none when it has not.
 */
class PodMonitorTest {

    /** JOSDK keeps CRD answers for the whole JVM; each test has its own API server, with or without the CRD. */
    @BeforeEach
    void forgetEarlierCrdChecks() {
        CRDPresentActivationCondition.clearState();
    }

    @Test
    void podMonitorScrapesTheAppPodsPortHttpAtActuatorPrometheusWhenTheCrdExists() {
        try (var stack = OperatorOnLocalApiServer.start(podMonitorCrd())) {
            var ns = stack.namespace("monitored");
            ns.applyWithSecrets(monitored(ns), "s3cret", "redis-pw");

            var podMonitor = ns.awaitObject(PodMonitor.class, "demo");

            ns.assertManagedBy(podMonitor, "demo");
            assertThat(podMonitor.getAdditionalProperties().get("spec"))
                    .isEqualTo(Map.of(
                            "selector",
                                    Map.of(
                                            "matchLabels",
                                            Map.of(
                                                    "app.kubernetes.io/name",
                                                    "counter-app",
                                                    "app.kubernetes.io/instance",
                                                    "demo")),
                            "podMetricsEndpoints", List.of(Map.of("port", "http", "path", "/actuator/prometheus"))));
            await().untilAsserted(() -> assertThat(ns.status("demo").condition(UserCounterStatus.MONITORED))
                    .hasValueSatisfying(monitored -> {
                        assertThat(monitored.getStatus()).isEqualTo("True");
                        assertThat(monitored.getReason()).isEqualTo("PodMonitorCreated");
                    }));
        }
    }

    @Test
    void extraLabelsLetAPrometheusSelectThePodMonitorButNeverReplaceTheManagedOnes() {
        try (var stack = OperatorOnLocalApiServer.start(podMonitorCrd())) {
            var ns = stack.namespace("labelled");
            var userCounter = monitored(ns);
            userCounter
                    .getSpec()
                    .getMonitoring()
                    .setLabels(Map.of("release", "prometheus", "app.kubernetes.io/managed-by", "someone-else"));
            ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");

            var podMonitor = ns.awaitObject(PodMonitor.class, "demo");

            assertThat(podMonitor.getMetadata().getLabels())
                    .containsEntry("release", "prometheus")
                    .containsEntry("app.kubernetes.io/managed-by", "usercounter-operator");
        }
    }

    @Test
    void theSelectorMatchesThePodsOfTheDeployment() {
        try (var stack = OperatorOnLocalApiServer.start(podMonitorCrd())) {
            var ns = stack.namespace("selector");
            ns.applyWithSecrets(monitored(ns), "s3cret", "redis-pw");

            var podMonitor = ns.awaitObject(PodMonitor.class, "demo");
            var deployment = ns.awaitObject(Deployment.class, "demo");

            @SuppressWarnings("unchecked")
            var selector = (Map<String, Map<String, String>>)
                    ((Map<String, Object>) podMonitor.getAdditionalProperties().get("spec")).get("selector");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(selector.get("matchLabels"));
            assertThat(deployment
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getPorts())
                    .anySatisfy(port -> assertThat(port.getName()).isEqualTo("http"));
        }
    }

    @Test
    void settingPodMonitorToFalseDeletesIt() {
        try (var stack = OperatorOnLocalApiServer.start(podMonitorCrd())) {
            var ns = stack.namespace("unmonitored");
            ns.applyWithSecrets(monitored(ns), "s3cret", "redis-pw");
            ns.awaitObject(PodMonitor.class, "demo");

            ns.editSpec("demo", uc -> uc.getSpec().getMonitoring().setPodMonitor(false));

            await().untilAsserted(
                            () -> assertThat(ns.get(PodMonitor.class, "demo")).isNull());
            await().untilAsserted(() -> assertThat(ns.status("demo").condition(UserCounterStatus.MONITORED))
                    .isEmpty());
        }
    }

    @Test
    void withoutTheCrdNothingIsCreatedAndMonitoredSaysWhy() {
        try (var stack = OperatorOnLocalApiServer.start()) {
            var ns = stack.namespace("no-prometheus-operator");
            ns.applyWithSecrets(monitored(ns), "s3cret", "redis-pw");

            await().untilAsserted(() -> assertThat(ns.status("demo").condition(UserCounterStatus.MONITORED))
                    .hasValueSatisfying(monitored -> {
                        assertThat(monitored.getStatus()).isEqualTo("False");
                        assertThat(monitored.getReason()).isEqualTo("PodMonitorCrdNotFound");
                        assertThat(monitored.getMessage())
                                .startsWith("No PodMonitor created: the cluster has no "
                                        + "CustomResourceDefinition podmonitors.monitoring.coreos.com");
                    }));
            // the rest of the instance is reconciled as usual, without a failure
            assertThat(ns.get(Deployment.class, "demo")).isNotNull();
            assertThat(ns.status("demo")
                            .condition(UserCounterStatus.DEGRADED)
                            .orElseThrow()
                            .getReason())
                    .isNotEqualTo("ReconcileFailed");
        }
    }

    private static UserCounter monitored(TestNamespace ns) {
        var userCounter = userCounter(ns.name(), "demo");
        var monitoring = new MonitoringSpec();
        monitoring.setPodMonitor(true);
        userCounter.getSpec().setMonitoring(monitoring);
        return userCounter;
    }

    /** The parts of the Prometheus Operator's CRD that an API server needs to serve PodMonitors. */
    static CustomResourceDefinition podMonitorCrd() {
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("podmonitors.monitoring.coreos.com").endMetadata()
                .withNewSpec()
                    .withGroup("monitoring.coreos.com")
                    .withScope("Namespaced")
                    .withNewNames()
                        .withKind("PodMonitor").withListKind("PodMonitorList")
                        .withPlural("podmonitors").withSingular("podmonitor")
                    .endNames()
                    .addNewVersion()
                        .withName("v1").withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema()
                            .withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                    .endVersion()
                .endSpec()
                .build();
        // spotless:on
    }
}
