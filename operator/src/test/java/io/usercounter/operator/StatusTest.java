package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.DEGRADED;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.PROGRESSING;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.usercounter.operator.api.v1alpha1.ExtraEnvVar;
import io.usercounter.operator.api.v1alpha1.PodTemplateSettings;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The status the operator reports on a UserCounter, as `kubectl get uc` and waiting clients read it. */
@ExtendWith(OperatorOnMockApiServer.class)
class StatusTest {

    @Test
    void reportsTheEffectiveSettingsAndTheObservedGeneration(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");

        await().untilAsserted(() -> {
            var userCounter = ns.get(UserCounter.class, "demo");
            var status = userCounter.getStatus();
            assertThat(status).isNotNull();
            assertThat(status.observedGeneration())
                    .isEqualTo(userCounter.getMetadata().getGeneration());
            // no pod exists: the mock API server runs no Deployment controller
            assertThat(status.replicas()).isZero();
            assertThat(status.ready()).isEqualTo("0/2");
            assertThat(status.consistency()).isEqualTo("Eventual");
            assertThat(status.syncInterval()).isEqualTo("5s");
            assertThat(status.url()).isEqualTo("http://demo." + ns.name() + ".svc/");
            assertThat(status.conditions())
                    .extracting(Condition::getType)
                    .containsExactly(READY, PROGRESSING, DEGRADED);
        });
    }

    @Test
    void readyGoesFromFalseToTrueAsTheDeploymentsReplicasBecomeReady(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        ns.awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(ns.status("demo").condition(READY))
                .hasValueSatisfying(r -> {
                    assertThat(r.getStatus()).isEqualTo("False");
                    assertThat(r.getReason()).isEqualTo("ReplicasNotReady");
                    assertThat(r.getMessage()).isEqualTo("0/2 replicas ready");
                }));

        ns.editDeploymentStatus(
                "demo",
                deployment -> deployment.setStatus(new DeploymentStatusBuilder()
                        .withObservedGeneration(deployment.getMetadata().getGeneration())
                        .withReplicas(2)
                        .withReadyReplicas(2)
                        .withUpdatedReplicas(2)
                        .withAvailableReplicas(2)
                        .build()));

        await().untilAsserted(() -> {
            var status = ns.status("demo");
            assertThat(status.ready()).isEqualTo("2/2");
            assertThat(status.readyReplicas()).isEqualTo(2);
            assertThat(status.condition(READY)).hasValueSatisfying(ready -> {
                assertThat(ready.getStatus()).isEqualTo("True");
                assertThat(ready.getReason()).isEqualTo("AllReplicasReady");
                assertThat(ready.getMessage()).isEqualTo("2/2 replicas ready");
            });
            assertThat(status.condition(PROGRESSING).orElseThrow().getStatus()).isEqualTo("False");
            assertThat(status.condition(DEGRADED).orElseThrow().getStatus()).isEqualTo("False");
        });
    }

    @Test
    void statusIsPatchedOnlyWhenItChanges(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        await().untilAsserted(() -> assertThat(ns.status("demo").ready()).isEqualTo("0/2"));
        String settledVersion = resourceVersion(ns);

        // a referenced Secret event reconciles the UserCounter again without changing anything it reports
        ns.client()
                .secrets()
                .inNamespace(ns.name())
                .withName(TestUserCounters.MYSQL_SECRET)
                .edit(secret -> new SecretBuilder(secret)
                        .editMetadata()
                        .addToLabels("touched", "yes")
                        .endMetadata()
                        .build());

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(resourceVersion(ns)).isEqualTo(settledVersion));
    }

    @Test
    void aSpecTheApiServerShouldHaveRejectedIsReportedAsInvalid(TestNamespace ns) {
        var userCounter = userCounter(ns.name(), "demo");
        userCounter.getSpec().setSyncInterval("2x");
        ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(DEGRADED))
                .hasValueSatisfying(d -> {
                    assertThat(d.getStatus()).isEqualTo("True");
                    assertThat(d.getReason()).isEqualTo("InvalidSpec");
                    assertThat(d.getMessage())
                            .isEqualTo("spec.syncInterval '2x' is not a duration such as 500ms, 5s or 1m30s");
                }));
        assertThat(ns.get(Deployment.class, "demo")).isNull();
    }

    @Test
    void anExtraEnvVariableTheOperatorSetsIsAnInvalidSpecNamingIt(TestNamespace ns) {
        // the mock API server does not enforce the CRD's rule that refuses it
        var userCounter = userCounter(ns.name(), "demo");
        userCounter.getSpec().setPodTemplate(new PodTemplateSettings());
        userCounter
                .getSpec()
                .getPodTemplate()
                .setEnv(List.of(new ExtraEnvVar("SPRING_DATASOURCE_URL", "jdbc:h2:mem:x")));
        ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(DEGRADED))
                .hasValueSatisfying(d -> {
                    assertThat(d.getStatus()).isEqualTo("True");
                    assertThat(d.getReason()).isEqualTo("InvalidSpec");
                    assertThat(d.getMessage())
                            .isEqualTo(
                                    "deployment: spec.podTemplate.env cannot set SPRING_DATASOURCE_URL: the operator sets it");
                }));
        assertThat(ns.get(Deployment.class, "demo")).isNull();
    }

    private static String resourceVersion(TestNamespace ns) {
        return ns.get(UserCounter.class, "demo").getMetadata().getResourceVersion();
    }
}
