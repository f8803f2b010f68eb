package io.usercounter.helm;

import static io.usercounter.helm.OperatorChart.NAMESPACE;
import static io.usercounter.helm.OperatorChart.RELEASE;
import static io.usercounter.helm.PolicyRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Leader election: a Lease in the release namespace, on when asked for and whenever more than one pod runs. */
class LeaderElectionTest {

    private static final String LEASE_ROLE = RELEASE + "-leader-election";
    private static final PolicyRule LEASE_CREATE = rule("coordination.k8s.io", "leases", "create");
    // RbacCoversOperatorTest checks these verbs against the requests the operator's client sends
    private static final PolicyRule LEASE_GET_UPDATE_AND_PATCH = new PolicyRuleBuilder(
                    rule("coordination.k8s.io", "leases", "get", "update", "patch"))
            .withResourceNames("usercounter-operator")
            .build();

    @Test
    void isOffByDefault() {
        RenderedChart chart = OperatorChart.renderDefaults();

        assertThat(chart.operatorEnv()).containsEntry("OPERATOR_LEADER_ELECTION_NAMESPACE", "");
        assertThat(chart.all(Role.class)).isEmpty();
    }

    @Test
    void withoutItTheOldPodStopsBeforeTheNewOneStarts() {
        assertThat(OperatorChart.renderDefaults()
                        .operatorDeployment()
                        .getSpec()
                        .getStrategy()
                        .getType())
                .isEqualTo("Recreate");
    }

    @Test
    void whenEnabledElectsTheLeaderInTheReleaseNamespace() {
        RenderedChart chart = OperatorChart.render(Map.of("leaderElection.enabled", true));

        assertThat(chart.operatorEnv()).containsEntry("OPERATOR_LEADER_ELECTION_NAMESPACE", NAMESPACE);
    }

    @Test
    void whenEnabledGrantsLeasesInTheReleaseNamespaceOnly() {
        RenderedChart chart = OperatorChart.render(Map.of("leaderElection.enabled", true));
        Role role = chart.one(Role.class, LEASE_ROLE);

        assertThat(chart.all(Role.class)).containsExactly(role);
        assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(role.getRules()).containsExactly(LEASE_CREATE, LEASE_GET_UPDATE_AND_PATCH);
    }

    @Test
    void whenEnabledBindsTheLeaseRoleToTheOperatorServiceAccount() {
        RoleBinding binding =
                OperatorChart.render(Map.of("leaderElection.enabled", true)).one(RoleBinding.class, LEASE_ROLE);

        assertThat(binding.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(binding.getRoleRef()).isEqualTo(new RoleRef("rbac.authorization.k8s.io", "Role", LEASE_ROLE));
        assertThat(binding.getSubjects()).containsExactly(new Subject(null, "ServiceAccount", RELEASE, NAMESPACE));
    }

    @Test
    void whenEnabledRollsPodsOneByOne() {
        RenderedChart chart = OperatorChart.render(Map.of("leaderElection.enabled", true));

        assertThat(chart.operatorDeployment().getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    }

    @Test
    void twoReplicasTurnItOnEvenWhenDisabled() {
        RenderedChart chart = OperatorChart.render(Map.of("replicas", 2, "leaderElection.enabled", false));

        assertThat(chart.operatorDeployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(chart.operatorEnv()).containsEntry("OPERATOR_LEADER_ELECTION_NAMESPACE", NAMESPACE);
        assertThat(chart.one(Role.class, LEASE_ROLE).getRules())
                .containsExactly(LEASE_CREATE, LEASE_GET_UPDATE_AND_PATCH);
    }
}
