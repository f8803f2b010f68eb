package io.usercounter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.LeaderElectionManager;
import io.usercounter.operator.UserCounterOperator;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.dependent.ManagedMetadata;
import io.usercounter.operator.reconciler.UserCounterReconciler;
import io.usercounter.operator.status.UserCounterEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's rules against what the operator's own classes say it does: a new dependent or event source without a
 * rule fails here, and so does a rule that nothing in the operator uses any more.
 */
class RbacCoversOperatorTest {

    private static final OperatorApiUsage OPERATOR = new OperatorApiUsage(UserCounterReconciler.class);
    private static final List<ApiAccess> PRIMARY = OPERATOR.primary();
    private static final List<ApiAccess> DEPENDENTS = OPERATOR.dependents();
    private static final List<ApiAccess> EVENT_SOURCES = OPERATOR.eventSources();
    private static final List<ApiAccess> CRD_CHECKS = OPERATOR.crdChecks();

    private static GrantedRules granted;
    private static GrantedRules crdReader;

    @BeforeAll
    static void render() {
        RenderedChart chart = OperatorChart.renderDefaults();
        granted = new GrantedRules(
                chart.one(ClusterRole.class, OperatorChart.RELEASE).getRules());
        crdReader = new GrantedRules(
                chart.one(ClusterRole.class, OperatorChart.RELEASE + "-crds").getRules());
    }

    static List<ApiAccess> crdChecks() {
        return CRD_CHECKS;
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
        assertThat(dependents())
                .extracting(ApiAccess::resource)
                .containsExactly(
                        "secrets",
                        "deployments",
                        "services",
                        "ingresses",
                        "poddisruptionbudgets",
                        "networkpolicies",
                        "horizontalpodautoscalers",
                        "podmonitors");
        assertThat(crdChecks())
                .extracting(ApiAccess::resourceName)
                .containsExactly("podmonitors.monitoring.coreos.com");
        assertThat(eventSources()).extracting(ApiAccess::resource).containsExactly("secrets", "pods");
    }

    @Test
    void onlyDependentsBehindAPreconditionMayBeDeleted() {
        assertThat(dependents())
                .filteredOn(access -> access.verbs().contains("delete"))
                .extracting(ApiAccess::resource)
                .containsExactly(
                        "ingresses",
                        "poddisruptionbudgets",
                        "networkpolicies",
                        "horizontalpodautoscalers",
                        "podmonitors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dependents")
    void grantsEachDependentTheVerbsJosdkUsesOnIt(ApiAccess access) {
        assertThat(granted.missingVerbs(access)).as(access.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crdChecks")
    void grantsEachCrdActivationConditionTheReadOfItsCrd(ApiAccess access) {
        assertThat(crdReader.missingVerbs(access)).as(access.toString()).isEmpty();
    }

    @Test
    void theCrdReaderGrantsNothingElse() {
        assertThat(crdReader.unusedGrants(crdChecks())).isEmpty();
        assertThat(crdReader.rules())
                .allSatisfy(rule -> assertThat(rule.getResourceNames()).isNotEmpty());
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
    void grantsCreateAndPatchOnEventsBecauseRepeatedEventsArePatched() {
        assertThat(granted.missingVerbs(eventAccess())).isEmpty();
    }

    /** Sorted and deduplicated: one case per verb and Lease, from what the client sent while electing and renewing. */
    static List<ApiAccess> leaseRequests() {
        return RecordedLeaseRequests.DISTINCT;
    }

    @Test
    void theOperatorsClientCreatesReadsAndPatchesItsLease() {
        assertThat(leaseRequests())
                .extracting(ApiAccess::toString)
                .containsExactly(
                        "leader election -> coordination.k8s.io/leases [create]",
                        "leader election -> coordination.k8s.io/leases/usercounter-operator [get]",
                        "leader election -> coordination.k8s.io/leases/usercounter-operator [patch]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaseRequests")
    void grantsEachLeaseRequestTheOperatorsClientSends(ApiAccess access) {
        assertThat(leaseRole().missingVerbs(access)).as(access.toString()).isEmpty();
    }

    @Test
    void grantsTheLeaseVerbsJosdkChecksBeforeItElects() {
        assertThat(leaseRole().missingVerbs(josdkLeaseCheck())).isEmpty();
    }

    @Test
    void grantsNoLeaseVerbTheOperatorDoesNotUse() {
        List<ApiAccess> used = new ArrayList<>(leaseRequests());
        used.add(josdkLeaseCheck());

        assertThat(leaseRole().unusedGrants(used)).isEmpty();
    }

    private static GrantedRules leaseRole() {
        return new GrantedRules(OperatorChart.render(Map.of("leaderElection.enabled", true))
                .one(Role.class, OperatorChart.RELEASE + "-leader-election")
                .getRules());
    }

    /** LeaderElectionManager.checkLeaseAccess refuses to start without these three, though the client sends no update. */
    private static ApiAccess josdkLeaseCheck() {
        return new ApiAccess(
                "JOSDK leader election",
                LeaderElectionManager.COORDINATION_GROUP,
                LeaderElectionManager.LEASES_RESOURCE,
                UserCounterOperator.LEASE_NAME,
                Set.of("create", "get", "update"));
    }

    /** Recorded once, on first use, so that only the lease tests pay for running the operator. */
    private static final class RecordedLeaseRequests {
        static final List<ApiAccess> DISTINCT = LeaseRequests.recorded().stream()
                .map(access -> new ApiAccess(
                        "leader election", access.apiGroup(), access.resource(), access.resourceName(), access.verbs()))
                .distinct()
                .sorted(Comparator.comparing(ApiAccess::toString))
                .toList();
    }

    @Test
    void grantsNothingTheOperatorDoesNotUse() {
        List<ApiAccess> used = new ArrayList<>();
        used.addAll(primary());
        used.addAll(dependents());
        used.addAll(eventSources());
        used.add(ownerReferenceAccess());
        used.add(eventAccess());

        assertThat(granted.unusedGrants(used)).isEmpty();
    }

    /** UserCounterEvents creates an Event, then patches its series when it repeats. */
    private static ApiAccess eventAccess() {
        return new ApiAccess(
                "Events of the UserCounters",
                UserCounterEvents.API_GROUP,
                UserCounterEvents.RESOURCE,
                null,
                Set.of("create", "patch"));
    }

    /** With OwnerReferencesPermissionEnforcement, blockOwnerDeletion needs update on the owner's finalizers. */
    private static ApiAccess ownerReferenceAccess() {
        UserCounter owner = new UserCounter();
        owner.getMetadata().setName("any");
        OwnerReference reference =
                ManagedMetadata.forObject(owner, "any").getOwnerReferences().get(0);
        return ApiAccess.of(
                "owner references of the managed objects",
                UserCounter.class,
                "finalizers",
                Boolean.TRUE.equals(reference.getBlockOwnerDeletion()) ? Set.of("update") : Set.of());
    }
}
