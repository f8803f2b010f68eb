package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.config.OperatorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WATCH_NAMESPACES: UserCounters elsewhere are left alone. */
class WatchNamespacesTest {

    static OperatorOnMockApiServer.Running running;

    @BeforeAll
    static void startOperatorWatchingTwoNamespaces() {
        running = OperatorOnMockApiServer.Running.start(
                Map.of(OperatorConfig.WATCH_NAMESPACES, "team-a,team-b"), server -> {});
    }

    @AfterAll
    static void stopOperator() {
        running.close();
    }

    @Test
    void reconcilesUserCountersInTheWatchedNamespaces() {
        var teamB = new TestNamespace(running.client(), "team-b");
        teamB.applyWithSecrets(userCounter("team-b", "demo"), "s3cret", "redis-pw");

        teamB.awaitObject(Deployment.class, "demo");
    }

    @Test
    void leavesUserCountersInOtherNamespacesAlone() {
        var other = new TestNamespace(running.client(), "team-c");
        other.applyWithSecrets(userCounter("team-c", "demo"), "s3cret", "redis-pw");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(other.get(Deployment.class, "demo")).isNull();
            assertThat(other.get(UserCounter.class, "demo").getStatus()).isNull();
        });
    }
}
