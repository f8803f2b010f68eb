package io.usercounter.helm;

import static io.usercounter.helm.OperatorChart.NAMESPACE;
import static io.usercounter.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With watchNamespaces set the operator gets the same rules, but only inside the namespaces it watches. */
class NamespacedRbacTest {

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = OperatorChart.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));
    }

    @Test
    void grantsNothingClusterWideButTheReadOfTheCrdsItLooksFor() {
        assertThat(chart.all(ClusterRole.class))
                .extracting(role -> role.getMetadata().getName())
                .containsExactly(RELEASE + "-crds");
        assertThat(chart.all(ClusterRoleBinding.class))
                .extracting(binding -> binding.getMetadata().getName())
                .containsExactly(RELEASE + "-crds");
    }

    @Test
    void grantsOneRoleInEachWatchedNamespace() {
        assertThat(chart.all(Role.class))
                .extracting(role -> role.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
    }

    @Test
    void eachRoleHoldsTheRulesThatAreOtherwiseClusterWide() {
        var clusterWideRules =
                OperatorChart.renderDefaults().one(ClusterRole.class, RELEASE).getRules();

        assertThat(chart.all(Role.class))
                .allSatisfy(role -> assertThat(role.getRules()).isEqualTo(clusterWideRules));
    }

    @Test
    void bindsEachRoleToTheServiceAccountOfTheReleaseNamespace() {
        assertThat(chart.all(RoleBinding.class)).hasSize(2).allSatisfy(binding -> {
            assertThat(binding.getRoleRef()).isEqualTo(new RoleRef("rbac.authorization.k8s.io", "Role", RELEASE));
            assertThat(binding.getSubjects()).containsExactly(new Subject(null, "ServiceAccount", RELEASE, NAMESPACE));
        });
        assertThat(chart.all(RoleBinding.class))
                .extracting(binding -> binding.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
    }

    @Test
    void tellsTheOperatorWhichNamespacesToWatch() {
        assertThat(chart.operatorEnv()).containsEntry("WATCH_NAMESPACES", "team-a,team-b");
    }
}
