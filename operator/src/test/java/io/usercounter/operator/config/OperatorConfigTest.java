package io.usercounter.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigTest {

    @Test
    void emptyEnvironmentGivesTheProductionDefaults() {
        var config = OperatorConfig.fromEnvironment(Map.of());

        assertThat(config.watchesAllNamespaces()).isTrue();
        assertThat(config.defaultImage()).isEqualTo("ghcr.io/usercounter/counter-app:0.1.0");
        assertThat(config.serverSideApply()).isTrue();
        assertThat(config.leaderElectionNamespace()).isEmpty();
        assertThat(config.healthPort()).isEqualTo(8081);
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsEverySetting() {
        var config = OperatorConfig.fromEnvironment(Map.of(
                "WATCH_NAMESPACES", " team-a, team-b ,",
                "COUNTER_APP_IMAGE", "registry.test/counter-app:2.0",
                "OPERATOR_SERVER_SIDE_APPLY", "FALSE",
                "OPERATOR_LEADER_ELECTION_NAMESPACE", "usercounter-system",
                "OPERATOR_HEALTH_PORT", "9090",
                "OPERATOR_LEADER_ELECTION_LEASE_SECONDS", "3",
                "OPERATOR_MONITORING_NAMESPACE", "monitoring"));

        assertThat(config)
                .isEqualTo(new OperatorConfig(
                        Set.of("team-a", "team-b"),
                        "registry.test/counter-app:2.0",
                        false,
                        Optional.of("usercounter-system"),
                        9090,
                        Duration.ofSeconds(3),
                        Optional.of("monitoring")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "WATCH_NAMESPACES|team-a,Team_B|WATCH_NAMESPACES='team-a,Team_B' is invalid: expected comma-separated namespace names (Team_B is not one), or empty for all",
                "COUNTER_APP_IMAGE|my image|COUNTER_APP_IMAGE='my image' is invalid: expected an image reference without spaces",
                "OPERATOR_SERVER_SIDE_APPLY|yes|OPERATOR_SERVER_SIDE_APPLY='yes' is invalid: expected true or false",
                "OPERATOR_LEADER_ELECTION_NAMESPACE|-bad|OPERATOR_LEADER_ELECTION_NAMESPACE='-bad' is invalid: expected a namespace name, or empty to run without leader election",
                "OPERATOR_HEALTH_PORT|80a|OPERATOR_HEALTH_PORT='80a' is invalid: expected a port number from 0 to 65535",
                "OPERATOR_LEADER_ELECTION_LEASE_SECONDS|1|OPERATOR_LEADER_ELECTION_LEASE_SECONDS='1' is invalid: expected whole seconds from 2 to 3600",
                "OPERATOR_MONITORING_NAMESPACE|Prometheus|OPERATOR_MONITORING_NAMESPACE='Prometheus' is invalid: expected a namespace name, or empty to admit no monitoring namespace",
                "OPERATOR_HEALTH_PORT|70000|OPERATOR_HEALTH_PORT='70000' is invalid: expected a port number from 0 to 65535"
            })
    void aBadValueIsRejectedWithOneLineNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(message);
    }
}
