package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.usercounter.helm.OperatorChart.NAMESPACE;
import static io.usercounter.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

/** With the default values the operator watches every namespace, so its rules are granted cluster-wide. */
class ClusterWideRbacTest {

  private static final List<String> MANAGE = List.of("get", "list", "watch", "create", "update", "patch", "delete");

  private static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart = OperatorChart.renderDefaults();
  }

  @Test
  void grantsExactlyTheOperatorsRulesThroughAClusterRole() {
    assertThat(chart.one(ClusterRole.class, RELEASE).getRules()).containsExactly(
        rule("usercounter.io", "usercounters", "get", "list", "watch"),
        rule("usercounter.io", "usercounters/status", "patch"),
        rule("usercounter.io", "usercounters/finalizers", "update"),
        rule("", List.of("secrets", "services"), MANAGE),
        rule("apps", List.of("deployments"), MANAGE),
        rule("networking.k8s.io", List.of("ingresses"), MANAGE),
        rule("policy", List.of("poddisruptionbudgets"), MANAGE));
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

  static PolicyRule rule(String apiGroup, String resource, String... verbs) {
    return rule(apiGroup, List.of(resource), List.of(verbs));
  }

  static PolicyRule rule(String apiGroup, List<String> resources, List<String> verbs) {
    return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resources).withVerbs(verbs).build();
  }
}
