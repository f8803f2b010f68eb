package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.NetworkPolicySpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkPolicyDependentTest {

    static final NetworkPolicyPeer SAME_NAMESPACE =
            new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
    static final NetworkPolicyPeer INSTANCE_PODS = new NetworkPolicyPeerBuilder()
            .withNewPodSelector()
            .withMatchLabels(Map.of(
                    ManagedMetadata.NAME_LABEL, ManagedMetadata.APP_NAME, ManagedMetadata.INSTANCE_LABEL, "demo"))
            .endPodSelector()
            .build();
    static final NetworkPolicyPeer INGRESS_NGINX = new NetworkPolicyPeerBuilder()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of(NetworkPolicyDependent.NAMESPACE_NAME_LABEL, "ingress-nginx"))
            .endNamespaceSelector()
            .build();

    @Test
    void admitsEveryPodOfTheSameNamespaceByDefault() {
        var policy = new NetworkPolicyDependent()
                .desired(withPolicy(new NetworkPolicySpec(), false), MonitoringNamespace.NONE);

        assertThat(policy.getMetadata().getName()).isEqualTo("demo");
        assertThat(policy.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).containsExactly(SAME_NAMESPACE);
    }

    @Test
    void admitsOnlyTheInstancesOwnPodsWhenTheSameNamespaceIsNotAllowed() {
        var spec = new NetworkPolicySpec();
        spec.setAllowSameNamespace(false);

        var policy = new NetworkPolicyDependent().desired(withPolicy(spec, false), MonitoringNamespace.NONE);

        assertThat(policy.getSpec().getIngress().get(0).getFrom()).containsExactly(INSTANCE_PODS);
    }

    @Test
    void admitsTheIngressControllersNamespaceWhileTheIngressIsEnabled() {
        var policy = new NetworkPolicyDependent()
                .desired(withPolicy(new NetworkPolicySpec(), true), MonitoringNamespace.NONE);

        assertThat(policy.getSpec().getIngress().get(0).getFrom()).containsExactly(SAME_NAMESPACE, INGRESS_NGINX);
    }

    @Test
    void admitsTheOperatorsMonitoringNamespaceSoPrometheusCanScrape() {
        var monitoring = new MonitoringNamespace(Optional.of("monitoring"));

        var policy = new NetworkPolicyDependent().desired(withPolicy(new NetworkPolicySpec(), false), monitoring);

        assertThat(policy.getSpec().getIngress().get(0).getFrom())
                .containsExactly(
                        SAME_NAMESPACE,
                        new NetworkPolicyPeerBuilder()
                                .withNewNamespaceSelector()
                                .withMatchLabels(Map.of(NetworkPolicyDependent.NAMESPACE_NAME_LABEL, "monitoring"))
                                .endNamespaceSelector()
                                .build());
        assertThat(policy.getSpec().getIngress().get(0).getPorts())
                .extracting(port -> port.getPort().getStrVal())
                .containsExactly(DeploymentDependent.HTTP_PORT_NAME);
    }

    @Test
    void admitsThePeersTheSpecNames() {
        var monitoring = new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .withMatchLabels(Map.of("team", "observability"))
                .endNamespaceSelector()
                .withNewPodSelector()
                .withMatchLabels(Map.of("app", "prometheus"))
                .endPodSelector()
                .build();
        var spec = new NetworkPolicySpec();
        spec.setAllowSameNamespace(false);
        spec.setFrom(List.of(monitoring));

        var policy = new NetworkPolicyDependent().desired(withPolicy(spec, false), MonitoringNamespace.NONE);

        assertThat(policy.getSpec().getIngress().get(0).getFrom()).containsExactly(INSTANCE_PODS, monitoring);
    }

    private static UserCounter withPolicy(NetworkPolicySpec networkPolicy, boolean ingressEnabled) {
        var userCounter = TestUserCounter.demo();
        networkPolicy.setEnabled(true);
        userCounter.getSpec().setNetworkPolicy(networkPolicy);
        if (ingressEnabled) {
            var ingress = new IngressSpec();
            ingress.setEnabled(true);
            ingress.setHost("demo.counters.test");
            userCounter.getSpec().setIngress(ingress);
        }
        return userCounter;
    }
}
