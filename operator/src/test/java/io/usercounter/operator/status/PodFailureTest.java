package io.usercounter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pod states as a kubelet and the scheduler write them, and the failure each becomes in the status. */
class PodFailureTest {

    @Test
    void aCrashLoopNamesThePodTheContainerAndTheLastTerminationReason() {
        var pod = pod(
                "demo-7c9d-x2x4",
                new ContainerStatusBuilder()
                        .withName("counter-app")
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 40s restarting failed container")
                        .endWaiting()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withReason("OOMKilled")
                        .withExitCode(137)
                        .endTerminated()
                        .endLastState()
                        .build());

        assertThat(PodFailure.firstOf(List.of(pod)))
                .contains(new PodFailure(
                        "CrashLoopBackOff",
                        "pod demo-7c9d-x2x4 container counter-app: CrashLoopBackOff (back-off 40s restarting failed container)"
                                + ", last terminated: OOMKilled (exit code 137)"));
    }

    @Test
    void anImageThatCannotBePulledIsImagePullBackOff() {
        var pod = pod("demo-1", waiting("ImagePullBackOff", "Back-off pulling image \"registry.test/counter-app:9\""));

        assertThat(PodFailure.firstOf(List.of(pod)))
                .contains(new PodFailure(
                        "ImagePullBackOff",
                        "pod demo-1 container counter-app: ImagePullBackOff (Back-off pulling image "
                                + "\"registry.test/counter-app:9\")"));
    }

    @Test
    void theFirstPullFailureIsErrImagePull() {
        assertThat(PodFailure.firstOf(List.of(pod("demo-1", waiting("ErrImagePull", null)))))
                .map(PodFailure::reason)
                .contains("ErrImagePull");
    }

    @Test
    void aContainerJustKilledForMemoryIsOomKilled() {
        var pod = pod(
                "demo-1",
                new ContainerStatusBuilder()
                        .withName("counter-app")
                        .withNewState()
                        .withNewTerminated()
                        .withReason("OOMKilled")
                        .withExitCode(137)
                        .endTerminated()
                        .endState()
                        .build());

        assertThat(PodFailure.firstOf(List.of(pod)))
                .contains(new PodFailure("OOMKilled", "pod demo-1 container counter-app: OOMKilled (exit code 137)"));
    }

    @Test
    void aPodTheSchedulerCannotPlaceIsUnschedulable() {
        var pod = new PodBuilder()
                .withNewMetadata()
                .withName("demo-1")
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.")
                .endCondition()
                .endStatus()
                .build();

        assertThat(PodFailure.firstOf(List.of(pod)))
                .contains(new PodFailure(
                        "Unschedulable",
                        "pod demo-1 cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu."));
    }

    @Test
    void aStartingOrRunningPodIsNoFailure() {
        var creating = pod("demo-1", waiting("ContainerCreating", null));
        var running = pod(
                "demo-2",
                new ContainerStatusBuilder()
                        .withName("counter-app")
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .build());
        var noStatus = new PodBuilder()
                .withNewMetadata()
                .withName("demo-3")
                .endMetadata()
                .build();

        assertThat(PodFailure.firstOf(List.of(creating, running, noStatus))).isEqualTo(Optional.empty());
    }

    @Test
    void theFailingPodFirstByNameIsReportedWhateverTheOrderTheyCameIn() {
        var later = pod("demo-b", waiting("CrashLoopBackOff", null));
        var first = pod("demo-a", waiting("ImagePullBackOff", null));

        assertThat(PodFailure.firstOf(List.of(later, first)))
                .map(PodFailure::reason)
                .contains("ImagePullBackOff");
    }

    private static ContainerStatus waiting(String reason, String message) {
        return new ContainerStatusBuilder()
                .withName("counter-app")
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build();
    }

    private static Pod pod(String name, ContainerStatus container) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .withContainerStatuses(container)
                .endStatus()
                .build();
    }
}
