package io.usercounter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A rollout is complete when `kubectl rollout status` would say so. The statuses are written as a real API server
 * returns them: a field whose value is zero is omitted.
 */
class RolloutTest {

    static final int DESIRED = 2;

    @Test
    void isCompleteWhenEveryReplicaIsUpdatedAndAvailableAndNoOldReplicaIsLeft() {
        var deployment = deployment(
                3L,
                status(3L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(2));

        assertThat(rollout(deployment).complete()).isTrue();
    }

    @Test
    void isNotCompleteWhileNoReplicaRunsTheNewTemplate() {
        // just after a template change: the old pods still run and the API server omits updatedReplicas: 0
        var deployment =
                deployment(3L, status(3L).withReplicas(2).withReadyReplicas(2).withAvailableReplicas(2));

        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void isNotCompleteWhileOldReplicasAreStillServing() {
        var deployment = deployment(
                3L,
                status(3L)
                        .withReplicas(3)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(3)
                        .withAvailableReplicas(3));

        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void isNotCompleteWhileUpdatedReplicasAreReadyButNotYetAvailable() {
        // minReadySeconds: ready, not yet available
        var deployment = deployment(
                3L,
                status(3L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(1));

        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void isNotCompleteBeforeTheDeploymentControllerObservedAnyGeneration() {
        var deployment = deployment(
                1L,
                new DeploymentStatusBuilder()
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(2));

        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void isNotCompleteWhileTheDeploymentControllerHasNotSeenTheLatestGeneration() {
        var deployment = deployment(
                4L,
                status(3L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(2));

        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void isNotCompleteBeforeTheDeploymentHasAStatus() {
        var deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName("demo")
                .withGeneration(1L)
                .endMetadata()
                .build();

        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void isNotCompleteWhileFewerReplicasThanTheUserCounterWantsRunTheTemplate() {
        // the Deployment's cached copy still has the old replicas; the UserCounter now wants 3
        var deployment = deployment(
                3L,
                status(3L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(2));

        assertThat(new Rollout("demo", Optional.of(deployment), 3).complete()).isFalse();
    }

    @Test
    void aProgressDeadlineExceededConditionIsReportedAndTheRolloutIsNotComplete() {
        var deployment = deployment(
                3L,
                status(3L)
                        .withReplicas(3)
                        .withUpdatedReplicas(1)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(2)
                        .addNewCondition()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"demo-7d4\" has timed out progressing.")
                        .endCondition());

        assertThat(rollout(deployment).deadlineExceeded())
                .contains("ReplicaSet \"demo-7d4\" has timed out progressing.");
        assertThat(rollout(deployment).complete()).isFalse();
    }

    @Test
    void aProgressingDeploymentHasNoExceededDeadline() {
        var deployment = deployment(
                3L,
                status(3L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withReadyReplicas(2)
                        .withAvailableReplicas(2)
                        .addNewCondition()
                        .withType("Progressing")
                        .withStatus("True")
                        .withReason("NewReplicaSetAvailable")
                        .withMessage("ReplicaSet \"demo-7d4\" has successfully progressed.")
                        .endCondition());

        assertThat(rollout(deployment).deadlineExceeded()).isEmpty();
    }

    private static Rollout rollout(Deployment deployment) {
        return new Rollout("demo", Optional.of(deployment), DESIRED);
    }

    private static DeploymentStatusBuilder status(long observedGeneration) {
        return new DeploymentStatusBuilder().withObservedGeneration(observedGeneration);
    }

    private static Deployment deployment(long generation, DeploymentStatusBuilder status) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("demo")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(DESIRED)
                .endSpec()
                .withStatus(status.build())
                .build();
    }
}
