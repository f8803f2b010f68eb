package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.status.UserCounterEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Events kubectl describe uc shows, recorded by the real operator on the local stack's API server. */
class EventsTest {

    static final String MYSQL_PASSWORD = "Mysql-Pw-e41c07";
    static final String REDIS_PASSWORD = "Redis-Pw-93b2aa";

    @RegisterExtension
    static final OperatorOnLocalApiServer.PerClass stack = new OperatorOnLocalApiServer.PerClass();

    @Test
    void aMissingSecretIsAWarningEventAndItsArrivalANormalOne() {
        var ns = stack.namespace("events");
        ns.create(redisSecret(ns.name(), REDIS_PASSWORD));
        ns.create(userCounter(ns.name(), "demo"));

        var missing = awaitEvent(ns, "SecretNotFound");
        assertThat(missing.getType()).isEqualTo("Warning");
        assertThat(missing.getNote())
                .isEqualTo("Secret mysql-creds (spec.mysql.credentialsSecretRef.usernameKey) not found in "
                        + "namespace " + ns.name());
        assertThat(missing.getRegarding().getKind()).isEqualTo("UserCounter");
        assertThat(missing.getRegarding().getName()).isEqualTo("demo");
        assertThat(missing.getRegarding().getUid())
                .isEqualTo(ns.get(UserCounter.class, "demo").getMetadata().getUid());
        assertThat(missing.getReportingController()).isEqualTo(UserCounterEvents.REPORTING_CONTROLLER);

        ns.create(mysqlSecret(ns.name(), MYSQL_PASSWORD));

        var found = awaitEvent(ns, "SecretFound");
        assertThat(found.getType()).isEqualTo("Normal");
        assertThat(found.getNote()).isEqualTo("Every referenced Secret and key exists");
    }

    @Test
    void theObjectsCreatedAreNormalEvents() {
        var ns = stack.namespace("events");
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), MYSQL_PASSWORD, REDIS_PASSWORD);

        await().untilAsserted(() -> assertThat(events(ns))
                .filteredOn(event -> "Created".equals(event.getReason()))
                .extracting(Event::getNote)
                .contains("Created Secret demo-config", "Created Deployment demo", "Created Service demo"));
    }

    @Test
    void aConfigurationChangeIsAnEventNamingTheNewConfigHash() {
        var ns = stack.namespace("events");
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), MYSQL_PASSWORD, REDIS_PASSWORD);
        String before = TestNamespace.configHash(ns.awaitObject(Deployment.class, "demo"));

        ns.editSpec("demo", userCounter -> userCounter.getSpec().setSyncInterval("10s"));

        String after = await().until(
                        () -> TestNamespace.configHash(ns.get(Deployment.class, "demo")), hash -> !hash.equals(before));
        var changed = awaitEvent(ns, "ConfigChanged");
        assertThat(changed.getType()).isEqualTo("Normal");
        assertThat(changed.getNote())
                .isEqualTo("Configuration changed: rolling the pods to config hash " + after + " (was " + before + ")");
    }

    @Test
    void becomingReadyIsANormalEventAndLosingItAWarning() {
        var ns = stack.namespace("events");
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), MYSQL_PASSWORD, REDIS_PASSWORD);
        ns.awaitObject(Deployment.class, "demo");

        ns.editDeploymentStatus("demo", deployment -> deployment.setStatus(rolledOut(deployment, 2)));

        var ready = awaitEvent(ns, "Ready");
        assertThat(ready.getType()).isEqualTo("Normal");
        assertThat(ready.getNote()).isEqualTo("2/2 replicas ready");

        ns.editDeploymentStatus("demo", deployment -> deployment.setStatus(rolledOut(deployment, 1)));

        var notReady = awaitEvent(ns, "NotReady");
        assertThat(notReady.getType()).isEqualTo("Warning");
        assertThat(notReady.getNote()).isEqualTo("ReplicasNotReady: 1/2 replicas ready");
    }

    @Test
    void aRepeatedFailureIsOneEventWhoseSeriesCountsTheAttempts() {
        var ns = stack.namespace("events");
        // a Secret of the config Secret's name that the operator did not make: every create of it fails
        ns.create(secret(ns.name(), "demo-config", Map.of("unrelated", "value")));
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), MYSQL_PASSWORD, REDIS_PASSWORD);

        var failed = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> failures(ns),
                        events -> events.size() == 1
                                && events.getFirst().getSeries() != null
                                && events.getFirst().getSeries().getCount() >= 3)
                .getFirst();

        assertThat(failed.getType()).isEqualTo("Warning");
        // the dependent and the API server's answer, without the client's URL and stack trace
        assertThat(failed.getNote())
                .startsWith("config: ")
                .contains("demo-config", "already exists", "(409 AlreadyExists)")
                .doesNotContain("\tat ", "http://");
        assertThat(failed.getSeries().getLastObservedTime().getTime())
                .isGreaterThan(failed.getEventTime().getTime());
        assertThat(failures(ns)).hasSize(1);
    }

    @Test
    void noEventCarriesASecretValue() {
        var ns = stack.namespace("events");
        ns.create(redisSecret(ns.name(), REDIS_PASSWORD));
        ns.create(userCounter(ns.name(), "demo"));
        awaitEvent(ns, "SecretNotFound");
        ns.create(mysqlSecret(ns.name(), MYSQL_PASSWORD));
        ns.awaitObject(Deployment.class, "demo");
        ns.client().resource(redisSecret(ns.name(), "Redis-Rotated-5c1f")).update();
        awaitEvent(ns, "ConfigChanged");

        var shown = events(ns).stream()
                .map(event -> stack.client().getKubernetesSerialization().asJson(event))
                .toList();
        for (String value : List.of(MYSQL_PASSWORD, REDIS_PASSWORD, "Redis-Rotated-5c1f")) {
            String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            assertThat(shown)
                    .as("no Event shows %s", value)
                    .noneMatch(json -> json.contains(value) || json.contains(base64));
        }
    }

    private static List<Event> failures(TestNamespace ns) {
        return events(ns).stream()
                .filter(event -> "ReconcileFailed".equals(event.getReason()))
                .toList();
    }

    private static Event awaitEvent(TestNamespace ns, String reason) {
        return await().until(
                        () -> events(ns).stream()
                                .filter(event -> reason.equals(event.getReason()))
                                .toList(),
                        events -> !events.isEmpty())
                .getFirst();
    }

    private static List<Event> events(TestNamespace ns) {
        return ns.client().events().v1().events().inNamespace(ns.name()).list().getItems();
    }

    /** What the Deployment controller reports once {@code ready} pods of the current template are available. */
    private static io.fabric8.kubernetes.api.model.apps.DeploymentStatus rolledOut(Deployment deployment, int ready) {
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(2)
                .withUpdatedReplicas(2)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .build();
    }
}
