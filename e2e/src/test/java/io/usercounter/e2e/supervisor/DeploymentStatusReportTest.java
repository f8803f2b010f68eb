package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStatusReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:05Z");

    private static RolloutPlan.Pod pod(String name, String hash, boolean ready) {
        return new RolloutPlan.Pod(name, hash, ready);
    }

    @Test
    void countsReadyAndUpdatedPodsAndEchoesTheGeneration() {
        DeploymentStatus status = DeploymentStatusReport.of(
                4L, 2, "h2", List.of(pod("a", "h1", true), pod("b", "h2", true), pod("c", "h2", false)), null, T0);

        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getUnavailableReplicas()).isZero();
        assertThat(status.getConditions())
                .extracting(
                        DeploymentCondition::getType, DeploymentCondition::getStatus, DeploymentCondition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Available", "True", "MinimumReplicasAvailable"),
                        org.assertj.core.groups.Tuple.tuple("Progressing", "True", "ReplicaSetUpdated"));
    }

    @Test
    void isUnavailableWhileFewerPodsThanDesiredAreReady() {
        DeploymentStatus status = DeploymentStatusReport.of(1L, 2, "h1", List.of(pod("a", "h1", true)), null, T0);

        assertThat(status.getUnavailableReplicas()).isEqualTo(1);
        assertThat(status.getConditions().get(0).getStatus()).isEqualTo("False");
        assertThat(status.getConditions().get(0).getReason()).isEqualTo("MinimumReplicasUnavailable");
    }

    @Test
    void keepsTheTransitionTimeOfAConditionThatDidNotChange() {
        List<RolloutPlan.Pod> pods = List.of(pod("a", "h1", true));
        DeploymentStatus first = DeploymentStatusReport.of(1L, 1, "h1", pods, null, T0);
        DeploymentStatus second = DeploymentStatusReport.of(1L, 1, "h1", pods, first, T1);

        assertThat(second.getConditions().get(0).getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(DeploymentStatusReport.differs(first, second)).isFalse();
    }

    @Test
    void aChangedCountIsADifference() {
        DeploymentStatus one = DeploymentStatusReport.of(1L, 2, "h1", List.of(pod("a", "h1", true)), null, T0);
        DeploymentStatus two =
                DeploymentStatusReport.of(1L, 2, "h1", List.of(pod("a", "h1", true), pod("b", "h1", true)), one, T1);

        assertThat(DeploymentStatusReport.differs(one, two)).isTrue();
    }
}
