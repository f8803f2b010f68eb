package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.operator.api.v1alpha1.NetworkPolicySpec;
import org.junit.jupiter.api.Test;

class NetworkPolicyDependentTest {

    @Test
    void admitsTheIngressControllersDefaultNamespaceWhenTheSpecNamesNone() {
        var userCounter = TestUserCounter.demo();
        var networkPolicy = new NetworkPolicySpec();
        networkPolicy.setEnabled(true);
        userCounter.getSpec().setNetworkPolicy(networkPolicy);

        var policy = new NetworkPolicyDependent().desired(userCounter, null);

        assertThat(policy.getMetadata().getName()).isEqualTo("demo");
        assertThat(policy.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(1).getNamespaceSelector().getMatchLabels())
                .containsExactly(java.util.Map.entry("kubernetes.io/metadata.name", "ingress-nginx"));
    }
}
