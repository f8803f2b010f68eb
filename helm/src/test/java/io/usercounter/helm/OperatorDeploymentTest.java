package io.usercounter.helm;

import static io.usercounter.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator Deployment with the default values: image, environment, probes and a locked-down pod. */
class OperatorDeploymentTest {

    private static RenderedChart chart;
    private static Container container;

    @BeforeAll
    static void render() {
        chart = OperatorChart.renderDefaults();
        container = chart.operatorContainer();
    }

    @Test
    void runsOneReplicaOfTheOperatorImageOfTheAppVersion() {
        assertThat(chart.operatorDeployment().getSpec().getReplicas()).isEqualTo(1);
        assertThat(container.getImage()).isEqualTo("ghcr.io/usercounter/usercounter-operator:0.1.0");
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void runsUnderTheChartsServiceAccount() {
        assertThat(chart.operatorDeployment().getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(RELEASE);
    }

    @Test
    void runsUnderAnExistingServiceAccountWhenTheChartCreatesNone() {
        RenderedChart custom =
                OperatorChart.render(Map.of("serviceAccount.create", false, "serviceAccount.name", "ops-sa"));

        assertThat(custom.kinds()).doesNotContain("ServiceAccount");
        assertThat(custom.operatorDeployment().getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("ops-sa");
        assertThat(custom.one(ClusterRoleBinding.class, RELEASE)
                        .getSubjects()
                        .get(0)
                        .getName())
                .isEqualTo("ops-sa");
    }

    @Test
    void requiresTheNameOfTheExistingServiceAccount() {
        assertThatThrownBy(() -> OperatorChart.render(Map.of("serviceAccount.create", false)))
                .hasMessageContaining("serviceAccount.name is required when serviceAccount.create is false");
    }

    @Test
    void passesTheOperatorSettingsAsEnvironment() {
        assertThat(chart.operatorEnv())
                .containsExactly(
                        entry("WATCH_NAMESPACES", ""),
                        entry("COUNTER_APP_IMAGE", "ghcr.io/usercounter/counter-app:0.1.0"),
                        entry("OPERATOR_LEADER_ELECTION_NAMESPACE", ""),
                        entry("OPERATOR_HEALTH_PORT", "8081"),
                        entry("OPERATOR_LEADER_ELECTION_LEASE_SECONDS", "15"),
                        entry("OPERATOR_MONITORING_NAMESPACE", ""));
    }

    @Test
    void passesTheMonitoringNamespaceTheNetworkPoliciesAdmit() {
        RenderedChart custom = OperatorChart.render(Map.of("monitoringNamespace", "monitoring"));

        assertThat(custom.operatorEnv()).containsEntry("OPERATOR_MONITORING_NAMESPACE", "monitoring");
    }

    @Test
    void passesExtraJvmOptionsOnlyWhenGiven() {
        RenderedChart custom = OperatorChart.render(Map.of("javaToolOptions", "-Xss512k"));

        assertThat(custom.operatorEnv()).containsEntry("JAVA_TOOL_OPTIONS", "-Xss512k");
    }

    @Test
    void passesTheCounterAppImageValueToTheOperator() {
        RenderedChart custom = OperatorChart.render(Map.of("counterAppImage", "registry.test/counter-app:7"));

        assertThat(custom.operatorEnv()).containsEntry("COUNTER_APP_IMAGE", "registry.test/counter-app:7");
    }

    @Test
    void probesLivenessOnHealthzOfTheHealthPort() {
        Probe liveness = container.getLivenessProbe();

        assertThat(liveness.getHttpGet()).isEqualTo(httpGet("/healthz"));
        assertThat(liveness.getPeriodSeconds()).isEqualTo(10);
        assertThat(liveness.getFailureThreshold()).isEqualTo(3);
    }

    @Test
    void probesReadinessOnReadyzOfTheHealthPort() {
        Probe readiness = container.getReadinessProbe();

        assertThat(readiness.getHttpGet()).isEqualTo(httpGet("/readyz"));
        assertThat(readiness.getPeriodSeconds()).isEqualTo(5);
    }

    @Test
    void exposesTheHealthPortByName() {
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("health");
            assertThat(port.getContainerPort()).isEqualTo(8081);
        });
    }

    @Test
    void movesPortProbesAndEnvironmentTogetherWhenTheHealthPortChanges() {
        RenderedChart custom = OperatorChart.render(Map.of("healthPort", 9090));
        Container moved = custom.operatorContainer();

        assertThat(moved.getPorts().get(0).getContainerPort()).isEqualTo(9090);
        assertThat(moved.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("health"));
        assertThat(custom.operatorEnv()).containsEntry("OPERATOR_HEALTH_PORT", "9090");
    }

    @Test
    void runsThePodAsNonRootWithTheRuntimeDefaultSeccompProfile() {
        PodSecurityContext pod =
                chart.operatorDeployment().getSpec().getTemplate().getSpec().getSecurityContext();

        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getRunAsGroup()).isEqualTo(10001L);
        assertThat(pod.getSeccompProfile()).isEqualTo(new SeccompProfile(null, "RuntimeDefault"));
    }

    @Test
    void locksDownTheContainer() {
        SecurityContext security = container.getSecurityContext();

        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
        assertThat(security.getSeccompProfile()).isEqualTo(new SeccompProfile(null, "RuntimeDefault"));
    }

    @Test
    void givesTheJvmAWritableTmpOnAnEmptyDir() {
        PodSpec pod = chart.operatorDeployment().getSpec().getTemplate().getSpec();

        assertThat(container.getVolumeMounts())
                .extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(tuple("tmp", "/tmp"));
        assertThat(pod.getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getName()).isEqualTo("tmp");
            assertThat(volume.getEmptyDir()).isNotNull();
        });
    }

    @Test
    void requestsCpuAndMemoryAndLimitsMemory() {
        assertThat(container.getResources().getRequests())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));
        assertThat(container.getResources().getLimits())
                .containsExactlyEntriesOf(Map.of("memory", new Quantity("384Mi")));
    }

    private static HTTPGetAction httpGet(String path) {
        HTTPGetAction action = new HTTPGetAction();
        action.setPath(path);
        action.setPort(new IntOrString("health"));
        return action;
    }
}
