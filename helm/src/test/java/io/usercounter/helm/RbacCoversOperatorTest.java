package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.LeaderElectionManager;
import io.usercounter.operator.UserCounterOperator;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.dependent.ManagedMetadata;
import io.usercounter.operator.reconciler.UserCounterReconciler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's rules against what the operator's own classes say it does: a new dependent or event source without a
 * rule fails here, and so does a rule that nothing in the operator uses any more.
 */
class RbacCoversOperatorTest {

  private static final OperatorApiUsage OPERATOR = new OperatorApiUsage(UserCounterReconciler.class);
  private static final List<ApiAccess> PRIMARY = OPERATOR.primary();
  private static final List<ApiAccess> DEPENDENTS = OPERATOR.dependents();
  private static final List<ApiAccess> EVENT_SOURCES = OPERATOR.eventSources();

  private static GrantedRules granted;

  @BeforeAll
  static void render() {
    granted = new GrantedRules(OperatorChart.renderDefaults().one(ClusterRole.class, OperatorChart.RELEASE).getRules());
  }

  static List<ApiAccess> primary() {
    return PRIMARY;
  }

  static List<ApiAccess> dependents() {
    return DEPENDENTS;
  }

  static List<ApiAccess> eventSources() {
    return EVENT_SOURCES;
  }

  @Test
  void readsTheWorkflowAndEventSourcesOfTheReconciler() {
    assertThat(dependents()).extracting(ApiAccess::resource)
        .containsExactly("secrets", "deployments", "services", "ingresses", "poddisruptionbudgets",
            "networkpolicies");
    assertThat(eventSources()).extracting(ApiAccess::resource).containsExactly("secrets");
  }

  @Test
  void onlyDependentsBehindAPreconditionMayBeDeleted() {
    assertThat(dependents()).filteredOn(access -> access.verbs().contains("delete")).extracting(ApiAccess::resource)
        .containsExactly("ingresses", "poddisruptionbudgets", "networkpolicies");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dependents")
  void grantsEachDependentTheVerbsJosdkUsesOnIt(ApiAccess access) {
    assertThat(granted.missingVerbs(access)).as(access.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventSources")
  void grantsEachEventSourceAWatch(ApiAccess access) {
    assertThat(granted.missingVerbs(access)).as(access.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("primary")
  void grantsTheControllerItsWatchAndStatusPatches(ApiAccess access) {
    assertThat(granted.missingVerbs(access)).as(access.toString()).isEmpty();
  }

  @Test
  void grantsUpdateOnFinalizersBecauseOwnerReferencesBlockOwnerDeletion() {
    assertThat(granted.missingVerbs(ownerReferenceAccess())).isEmpty();
  }

  @Test
  void grantsTheLeaseVerbsJosdkChecksBeforeItElects() {
    var leaseRole = OperatorChart.render(Map.of("leaderElection.enabled", true))
        .one(Role.class, OperatorChart.RELEASE + "-leader-election");
    // LeaderElectionManager.checkLeaseAccess refuses to start without these three on the operator's Lease
    var lease = new ApiAccess("JOSDK leader election", LeaderElectionManager.COORDINATION_GROUP,
        LeaderElectionManager.LEASES_RESOURCE, UserCounterOperator.LEASE_NAME, Set.of("create", "get", "update"));

    assertThat(new GrantedRules(leaseRole.getRules()).missingVerbs(lease)).isEmpty();
  }

  @Test
  void grantsNothingTheOperatorDoesNotUse() {
    List<ApiAccess> used = new ArrayList<>();
    used.addAll(primary());
    used.addAll(dependents());
    used.addAll(eventSources());
    used.add(ownerReferenceAccess());

    assertThat(granted.unusedGrants(used)).isEmpty();
  }

  /** With OwnerReferencesPermissionEnforcement, blockOwnerDeletion needs update on the owner's finalizers. */
  private static ApiAccess ownerReferenceAccess() {
    UserCounter owner = new UserCounter();
    owner.getMetadata().setName("any");
    OwnerReference reference = ManagedMetadata.forObject(owner, "any").getOwnerReferences().get(0);
    return ApiAccess.of("owner references of the managed objects", UserCounter.class, "finalizers",
        Boolean.TRUE.equals(reference.getBlockOwnerDeletion()) ? Set.of("update") : Set.of());
  }
}
