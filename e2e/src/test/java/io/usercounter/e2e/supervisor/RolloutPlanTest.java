package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    private static RolloutPlan.Pod pod(String name, String hash, boolean ready) {
        return new RolloutPlan.Pod(name, hash, ready);
    }

    /** With the default strategy, RollingUpdate 25%/25%. */
    private static RolloutPlan plan(int desired, String hash, List<RolloutPlan.Pod> pods) {
        return RolloutPlan.next(desired, hash, pods, RolloutStrategy.of(null, desired));
    }

    @Test
    void aNewDeploymentStartsAllItsReplicasAtOnce() {
        assertThat(plan(3, "h1", List.of())).isEqualTo(new RolloutPlan(3, List.of()));
    }

    @Test
    void aSettledDeploymentNeedsNothing() {
        assertThat(plan(2, "h1", List.of(pod("a", "h1", true), pod("b", "h1", true))))
                .isEqualTo(new RolloutPlan(0, List.of()));
    }

    @Test
    void scalingDownStopsNotReadyPodsFirstThenTheNewest() {
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", false), pod("c", "h1", true), pod("d", "h1", true));
        assertThat(plan(2, "h1", pods)).isEqualTo(new RolloutPlan(0, List.of("b", "d")));
    }

    @Test
    void aTemplateChangeStartsOneNewPodAndKeepsEveryOldOne() {
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", true));
        assertThat(plan(2, "h2", pods)).isEqualTo(new RolloutPlan(1, List.of()));
    }

    @Test
    void aRollWaitsWhileTheNewPodIsNotReady() {
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", true), pod("c", "h2", false));
        assertThat(plan(2, "h2", pods)).isEqualTo(new RolloutPlan(0, List.of()));
    }

    @Test
    void aReadyNewPodReplacesOneOldPodAndTheNextNewPodStarts() {
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", true), pod("c", "h2", true));
        assertThat(plan(2, "h2", pods)).isEqualTo(new RolloutPlan(1, List.of("b")));
    }

    @Test
    void theLastOldPodGoesWhenTheNewOnesAreAllReady() {
        var pods = List.of(pod("a", "h1", true), pod("c", "h2", true), pod("d", "h2", true));
        assertThat(plan(2, "h2", pods)).isEqualTo(new RolloutPlan(0, List.of("a")));
    }

    @Test
    void scalingToZeroDuringARollStopsEverything() {
        var pods = List.of(pod("a", "h1", true), pod("c", "h2", false));
        assertThat(plan(0, "h2", pods)).isEqualTo(new RolloutPlan(0, List.of("c", "a")));
    }

    @Test
    void fourReplicasRollTwoNewPodsAtATimeWhileOneOldPodStops() {
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", true), pod("c", "h1", true), pod("d", "h1", true));
        assertThat(plan(4, "h2", pods)).isEqualTo(new RolloutPlan(2, List.of("d")));
    }

    @Test
    void anOldPodThatIsNotReadyIsStoppedAtOnceDuringARoll() {
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", false), pod("c", "h2", false));
        assertThat(plan(2, "h2", pods)).isEqualTo(new RolloutPlan(1, List.of("b")));
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingNewOnes() {
        var recreate = RolloutStrategy.of(
                new DeploymentStrategyBuilder().withType("Recreate").build(), 2);
        var pods = List.of(pod("a", "h1", true), pod("b", "h1", true));
        assertThat(RolloutPlan.next(2, "h2", pods, recreate)).isEqualTo(new RolloutPlan(0, List.of("a", "b")));
        assertThat(RolloutPlan.next(2, "h2", List.of(), recreate)).isEqualTo(new RolloutPlan(2, List.of()));
    }
}
