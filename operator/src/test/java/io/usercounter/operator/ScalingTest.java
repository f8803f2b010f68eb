package io.usercounter.operator;

import static io.usercounter.operator.TestNamespace.env;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.usercounter.operator.api.v1alpha1.AutoscalingSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scale subresource and autoscaling, with the real operator on the local stack's API server, which serves a
 * custom resource's /scale as a real API server does (the stock mock of the other operator tests does not).
 */
class ScalingTest {

    static final String SELECTOR = "app.kubernetes.io/instance=demo,app.kubernetes.io/name=counter-app";

    @RegisterExtension
    static final OperatorOnLocalApiServer.PerClass stack = new OperatorOnLocalApiServer.PerClass();

    @Test
    void kubectlScaleOfTheUserCounterReachesTheDeployment() throws Exception {
        var ns = namespace();
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");

        // what kubectl scale uc demo --replicas=4 sends
        var response = send(ns, "PATCH", "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ns.get(UserCounter.class, "demo").getSpec().getReplicas()).isEqualTo(4);
        await().untilAsserted(() -> assertThat(
                        ns.get(Deployment.class, "demo").getSpec().getReplicas())
                .isEqualTo(4));
    }

    @Test
    void statusReplicasAreThePodsTheDeploymentHasNotTheSpec() {
        var ns = namespace();
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(ns.status("demo").replicas()).isZero());

        // a rolling update's surge: three pods exist for two desired, one of them ready
        ns.editDeploymentStatus(
                "demo",
                deployment -> deployment.setStatus(new DeploymentStatusBuilder()
                        .withObservedGeneration(deployment.getMetadata().getGeneration())
                        .withReplicas(3)
                        .withReadyReplicas(1)
                        .withUpdatedReplicas(1)
                        .withAvailableReplicas(1)
                        .build()));

        await().untilAsserted(() -> {
            assertThat(ns.status("demo").replicas()).isEqualTo(3);
            assertThat(ns.status("demo").ready()).isEqualTo("1/2");
        });
    }

    @Test
    void theScaleSubresourceGivesTheExistingPodsAndTheirSelector() throws Exception {
        var ns = namespace();
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");
        ns.editDeploymentStatus(
                "demo",
                deployment -> deployment.setStatus(
                        new DeploymentStatusBuilder().withReplicas(1).build()));

        await().untilAsserted(() -> {
            Scale scale = scale(ns);
            assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
            assertThat(scale.getStatus().getReplicas()).isEqualTo(1);
            assertThat(scale.getStatus().getSelector()).isEqualTo(SELECTOR);
        });
    }

    @Test
    void specAutoscalingCreatesAnHpaThatScalesTheUserCounter() {
        var ns = namespace();
        ns.applyWithSecrets(autoscaled(ns), "s3cret", "redis-pw");

        var hpa = ns.awaitObject(HorizontalPodAutoscaler.class, "demo");

        ns.assertManagedBy(hpa, "demo");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("usercounter.io/v1alpha1");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("UserCounter");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("demo");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies((MetricSpec metric) -> {
            assertThat(metric.getType()).isEqualTo("Resource");
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        });
    }

    @Test
    void replicasTheAutoscalerSetsStayThroughLaterReconciles() throws Exception {
        var ns = namespace();
        ns.applyWithSecrets(autoscaled(ns), "s3cret", "redis-pw");
        ns.awaitObject(HorizontalPodAutoscaler.class, "demo");

        // what the HPA controller does: read the Scale, write it back with its replica count, and read again
        // when the write lost to another (409: the operator wrote the status meanwhile)
        await().untilAsserted(() -> {
            Scale scale = scale(ns);
            scale.getSpec().setReplicas(5);
            var response = send(
                    ns,
                    "PUT",
                    "application/json",
                    stack.client().getKubernetesSerialization().asJson(scale));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
        await().untilAsserted(() -> assertThat(
                        ns.get(Deployment.class, "demo").getSpec().getReplicas())
                .isEqualTo(5));

        // a later change of another field reconciles again: the operator writes the spec's replicas, never its own
        ns.editSpec("demo", uc -> uc.getSpec().setSyncInterval("10s"));

        await().untilAsserted(() ->
                assertThat(env(ns.get(Deployment.class, "demo"))).containsEntry("COUNTER_SYNC_INTERVAL", "10s"));
        assertThat(ns.get(Deployment.class, "demo").getSpec().getReplicas()).isEqualTo(5);
        assertThat(ns.get(UserCounter.class, "demo").getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void unsettingAutoscalingDeletesTheHpa() {
        var ns = namespace();
        ns.applyWithSecrets(autoscaled(ns), "s3cret", "redis-pw");
        ns.awaitObject(HorizontalPodAutoscaler.class, "demo");

        ns.editSpec("demo", uc -> uc.getSpec().setAutoscaling(null));

        await().untilAsserted(() ->
                assertThat(ns.get(HorizontalPodAutoscaler.class, "demo")).isNull());
    }

    /** Two to six pods at 70% CPU. */
    private static UserCounter autoscaled(TestNamespace ns) {
        var userCounter = userCounter(ns.name(), "demo");
        userCounter.getSpec().setAutoscaling(new AutoscalingSpec(2, 6, 70));
        return userCounter;
    }

    private static TestNamespace namespace() {
        return stack.namespace("scaling");
    }

    private static Scale scale(TestNamespace ns) throws Exception {
        var response = send(ns, "GET", "application/json", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return stack.client().getKubernetesSerialization().unmarshal(response.body(), Scale.class);
    }

    /** A request to the UserCounter demo's /scale, as kubectl and the HPA controller send it. */
    private static HttpResponse<String> send(TestNamespace ns, String method, String contentType, String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.apiServer().url()
                        + "/apis/usercounter.io/v1alpha1/namespaces/" + ns.name() + "/usercounters/demo/scale"))
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
