package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import org.junit.jupiter.api.Test;

class RolloutStrategyTest {

    private static DeploymentStrategy rolling(IntOrString surge, IntOrString unavailable) {
        return new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(surge)
                .withMaxUnavailable(unavailable)
                .endRollingUpdate()
                .build();
    }

    @Test
    void theDefaultsRoundSurgeUpAndUnavailabilityDown() {
        assertThat(RolloutStrategy.of(null, 2)).isEqualTo(new RolloutStrategy(false, 1, 0));
        assertThat(RolloutStrategy.of(null, 4)).isEqualTo(new RolloutStrategy(false, 1, 1));
        assertThat(RolloutStrategy.of(null, 10)).isEqualTo(new RolloutStrategy(false, 3, 2));
    }

    @Test
    void countsAreTakenAsTheyAre() {
        assertThat(RolloutStrategy.of(rolling(new IntOrString(2), new IntOrString(1)), 5))
                .isEqualTo(new RolloutStrategy(false, 2, 1));
    }

    @Test
    void whenBothComeOutZeroOnePodMayBeUnavailable() {
        assertThat(RolloutStrategy.of(rolling(new IntOrString(0), new IntOrString("10%")), 3))
                .isEqualTo(new RolloutStrategy(false, 0, 1));
    }

    @Test
    void recreateIsRecognised() {
        assertThat(RolloutStrategy.of(
                                new DeploymentStrategyBuilder()
                                        .withType("Recreate")
                                        .build(),
                                3)
                        .recreate())
                .isTrue();
    }

    @Test
    void aValueThatIsNeitherCountNorPercentageIsNamed() {
        assertThatThrownBy(() -> RolloutStrategy.of(rolling(new IntOrString("two"), null), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSurge/maxUnavailable must be a number or a percentage, not 'two'");
    }
}
