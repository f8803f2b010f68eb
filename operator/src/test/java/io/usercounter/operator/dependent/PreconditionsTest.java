package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.operator.api.v1alpha1.AutoscalingSpec;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.NetworkPolicySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreconditionsTest {

    @ParameterizedTest(name = "replicas {0}: PodDisruptionBudget {1}")
    @CsvSource({"0,false", "1,false", "2,true", "5,true"})
    void podDisruptionBudgetOnlyFromTwoReplicas(int replicas, boolean met) {
        var userCounter = TestUserCounter.demo();
        userCounter.getSpec().setReplicas(replicas);

        assertThat(new ReplicasAtLeastTwo().isMet(null, userCounter, null)).isEqualTo(met);
    }

    @ParameterizedTest(name = "ingress enabled {0}: Ingress {1}")
    @CsvSource({"true,true", "false,false"})
    void ingressOnlyWhileEnabled(boolean enabled, boolean met) {
        var userCounter = TestUserCounter.demo();
        var ingress = new IngressSpec();
        ingress.setEnabled(enabled);
        ingress.setHost("demo.counters.test");
        userCounter.getSpec().setIngress(ingress);

        assertThat(new IngressEnabled().isMet(null, userCounter, null)).isEqualTo(met);
    }

    @ParameterizedTest(name = "network policy enabled {0}: NetworkPolicy {1}")
    @CsvSource({"true,true", "false,false"})
    void networkPolicyOnlyWhileEnabled(boolean enabled, boolean met) {
        var userCounter = TestUserCounter.demo();
        var networkPolicy = new NetworkPolicySpec();
        networkPolicy.setEnabled(enabled);
        userCounter.getSpec().setNetworkPolicy(networkPolicy);

        assertThat(new NetworkPolicyEnabled().isMet(null, userCounter, null)).isEqualTo(met);
    }

    @org.junit.jupiter.api.Test
    void horizontalPodAutoscalerOnlyWhileAutoscalingIsSet() {
        var userCounter = TestUserCounter.demo();
        assertThat(new AutoscalingEnabled().isMet(null, userCounter, null)).isFalse();

        userCounter.getSpec().setAutoscaling(new AutoscalingSpec(2, 5, 70));

        assertThat(new AutoscalingEnabled().isMet(null, userCounter, null)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void noNetworkPolicyWithoutItsSpec() {
        assertThat(new NetworkPolicyEnabled().isMet(null, TestUserCounter.demo(), null))
                .isFalse();
    }
}
