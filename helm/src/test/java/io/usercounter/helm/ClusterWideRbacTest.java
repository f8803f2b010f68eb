package io.usercounter.helm;

import static io.usercounter.helm.OperatorChart.NAMESPACE;
import static io.usercounter.helm.OperatorChart.RELEASE;
import static io.usercounter.helm.PolicyRules.WRITE;
import static io.usercounter.helm.PolicyRules.WRITE_AND_DELETE;
import static io.usercounter.helm.PolicyRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the default values the operator watches every namespace, so its rules are granted cluster-wide. */
class ClusterWideRbacTest {

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = OperatorChart.renderDefaults();
    }

    @Test
    void grantsExactlyTheOperatorsRulesThroughAClusterRole() {
        assertThat(chart.one(ClusterRole.class, RELEASE).getRules())
                .containsExactly(
                        rule("usercounter.io", "usercounters", "get", "list", "watch"),
                        rule("usercounter.io", "usercounters/status", "patch"),
                        rule("usercounter.io", "usercounters/finalizers", "update"),
                        rule("", List.of("secrets", "services"), WRITE),
                        rule("apps", List.of("deployments"), WRITE),
                        rule("networking.k8s.io", List.of("ingresses", "networkpolicies"), WRITE_AND_DELETE),
                        rule("policy", List.of("poddisruptionbudgets"), WRITE_AND_DELETE),
                        rule("", "pods", "get", "list", "watch"),
                        rule("autoscaling", List.of("horizontalpodautoscalers"), WRITE_AND_DELETE),
                        rule("monitoring.coreos.com", List.of("podmonitors"), WRITE_AND_DELETE),
                        rule("events.k8s.io", "events", "create", "patch"));
    }

    @Test
    void bindsTheClusterRoleToTheOperatorServiceAccount() {
        ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class, RELEASE);

        assertThat(binding.getRoleRef()).isEqualTo(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", RELEASE));
        assertThat(binding.getSubjects()).containsExactly(new Subject(null, "ServiceAccount", RELEASE, NAMESPACE));
    }

    @Test
    void createsTheServiceAccountInTheReleaseNamespace() {
        assertThat(chart.one(ServiceAccount.class, RELEASE).getMetadata().getNamespace())
                .isEqualTo(NAMESPACE);
    }

    @Test
    void grantsNoNamespacedRolesAndSoNoLeasesWithoutLeaderElection() {
        assertThat(chart.all(Role.class)).isEmpty();
        assertThat(chart.all(RoleBinding.class)).isEmpty();
    }

    @Test
    void grantsNothingWhenAClusterAdminManagesRbac() {
        RenderedChart withoutRbac = OperatorChart.render(Map.of("rbac.create", false, "leaderElection.enabled", true));

        assertThat(withoutRbac.kinds()).doesNotContain("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    }
}
