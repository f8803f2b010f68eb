package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

  private static RolloutPlan.Pod pod(String name, String hash, boolean ready) {
    return new RolloutPlan.Pod(name, hash, ready);
  }

  @Test
  void aNewDeploymentStartsAllItsReplicasAtOnce() {
    assertThat(RolloutPlan.next(3, "h1", List.of())).isEqualTo(new RolloutPlan(3, List.of()));
  }

  @Test
  void aSettledDeploymentNeedsNothing() {
    assertThat(RolloutPlan.next(2, "h1", List.of(pod("a", "h1", true), pod("b", "h1", true))))
        .isEqualTo(new RolloutPlan(0, List.of()));
  }

  @Test
  void scalingDownStopsNotReadyPodsFirstThenTheNewest() {
    var pods = List.of(pod("a", "h1", true), pod("b", "h1", false), pod("c", "h1", true), pod("d", "h1", true));
    assertThat(RolloutPlan.next(2, "h1", pods)).isEqualTo(new RolloutPlan(0, List.of("b", "d")));
  }

  @Test
  void aTemplateChangeStartsOneNewPodAndKeepsEveryOldOne() {
    var pods = List.of(pod("a", "h1", true), pod("b", "h1", true));
    assertThat(RolloutPlan.next(2, "h2", pods)).isEqualTo(new RolloutPlan(1, List.of()));
  }

  @Test
  void aRollWaitsWhileTheNewPodIsNotReady() {
    var pods = List.of(pod("a", "h1", true), pod("b", "h1", true), pod("c", "h2", false));
    assertThat(RolloutPlan.next(2, "h2", pods)).isEqualTo(new RolloutPlan(0, List.of()));
  }

  @Test
  void aReadyNewPodReplacesOneOldPodAndTheNextNewPodStarts() {
    var pods = List.of(pod("a", "h1", true), pod("b", "h1", true), pod("c", "h2", true));
    assertThat(RolloutPlan.next(2, "h2", pods)).isEqualTo(new RolloutPlan(1, List.of("b")));
  }

  @Test
  void theLastOldPodGoesWhenTheNewOnesAreAllReady() {
    var pods = List.of(pod("a", "h1", true), pod("c", "h2", true), pod("d", "h2", true));
    assertThat(RolloutPlan.next(2, "h2", pods)).isEqualTo(new RolloutPlan(0, List.of("a")));
  }

  @Test
  void scalingToZeroDuringARollStopsEverything() {
    var pods = List.of(pod("a", "h1", true), pod("c", "h2", false));
    assertThat(RolloutPlan.next(0, "h2", pods)).isEqualTo(new RolloutPlan(0, List.of("c", "a")));
  }
}
