package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's /metrics reports each UserCounter's Ready condition, which the InstanceNotReady alert reads. */
class ReadinessMetricTest {

    @RegisterExtension
    static final OperatorOnLocalApiServer.PerClass stack = new OperatorOnLocalApiServer.PerClass();

    @Test
    void aUserCounterIsReportedNotReadyUntilItsReplicasAreReady() throws Exception {
        var ns = stack.namespace("ready-metric");
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");

        await().untilAsserted(() ->
                assertThat(scrape()).contains("usercounter_ready{name=\"demo\",namespace=\"" + ns.name() + "\"} 0.0"));

        ns.editDeploymentStatus(
                "demo",
                deployment -> deployment.setStatus(new DeploymentStatusBuilder()
                        .withObservedGeneration(deployment.getMetadata().getGeneration())
                        .withReplicas(2)
                        .withReadyReplicas(2)
                        .withUpdatedReplicas(2)
                        .withAvailableReplicas(2)
                        .build()));

        await().untilAsserted(() ->
                assertThat(scrape()).contains("usercounter_ready{name=\"demo\",namespace=\"" + ns.name() + "\"} 1.0"));
    }

    @Test
    void aDeletedUserCounterIsNoLongerReported() throws Exception {
        var ns = stack.namespace("deleted-metric");
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        await().untilAsserted(() -> assertThat(scrape()).contains("namespace=\"" + ns.name() + "\""));

        stack.client()
                .resources(UserCounter.class)
                .inNamespace(ns.name())
                .withName("demo")
                .delete();

        await().untilAsserted(() -> assertThat(scrape()).doesNotContain("namespace=\"" + ns.name() + "\""));
    }

    static String scrape() throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + stack.operator().healthPort() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
