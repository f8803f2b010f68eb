package io.usercounter.operator;

import static io.usercounter.operator.TestNamespace.configHash;
import static io.usercounter.operator.TestUserCounters.decoded;
import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.DEGRADED;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.AuthSpec;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the API server cannot check: the Secrets a UserCounter references exist and hold the keys it names. */
@ExtendWith(OperatorOnMockApiServer.class)
class ReferencedSecretsTest {

    @Test
    void missingSecretIsReportedByNameAndRecoveredOnceItExists(TestNamespace ns) {
        ns.create(redisSecret(ns.name(), "redis-pw"));
        ns.create(userCounter(ns.name(), "demo"));

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(READY))
                .hasValueSatisfying(r -> {
                    assertThat(r.getStatus()).isEqualTo("False");
                    assertThat(r.getReason()).isEqualTo("SecretNotFound");
                    assertThat(r.getMessage())
                            .isEqualTo("Secret mysql-creds (spec.mysql.credentialsSecretRef.usernameKey)"
                                    + " not found in namespace " + ns.name());
                }));
        assertThat(ns.status("demo").condition(DEGRADED).orElseThrow().getStatus())
                .isEqualTo("True");
        assertThat(ns.get(Deployment.class, "demo")).isNull();
        assertThat(ns.get(Secret.class, "demo-config")).isNull();

        ns.create(mysqlSecret(ns.name(), "s3cret"));

        ns.awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(
                        ns.status("demo").condition(READY).orElseThrow().getReason())
                .isEqualTo("ReplicasNotReady"));
    }

    @Test
    void missingSecretKeyIsReportedByName(TestNamespace ns) {
        ns.create(redisSecret(ns.name(), "redis-pw"));
        ns.create(secret(ns.name(), "mysql-creds", Map.of("username", "counter")));
        ns.create(userCounter(ns.name(), "demo"));

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(READY))
                .hasValueSatisfying(r -> {
                    assertThat(r.getReason()).isEqualTo("SecretKeyNotFound");
                    assertThat(r.getMessage())
                            .isEqualTo(
                                    "Secret mysql-creds has no key password (spec.mysql.credentialsSecretRef.passwordKey)");
                }));
        assertThat(ns.get(Deployment.class, "demo")).isNull();
    }

    @Test
    void missingAuthTokenSecretIsReportedByNameAndItsRotationRollsThePods(TestNamespace ns) {
        var userCounter = userCounter(ns.name(), "demo");
        userCounter.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "token")));
        ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(READY))
                .hasValueSatisfying(r -> {
                    assertThat(r.getReason()).isEqualTo("SecretNotFound");
                    assertThat(r.getMessage())
                            .isEqualTo("Secret api-token (spec.auth.tokenSecretRef.key) not found in namespace "
                                    + ns.name());
                }));
        assertThat(ns.get(Deployment.class, "demo")).isNull();

        ns.create(secret(ns.name(), "api-token", Map.of("token", "first-token")));
        var first = ns.awaitObject(Deployment.class, "demo");
        assertThat(decoded(ns.awaitObject(Secret.class, "demo-config"), "COUNTER_AUTH_TOKEN"))
                .isEqualTo("first-token");

        ns.client()
                .resource(secret(ns.name(), "api-token", Map.of("token", "rotated-token")))
                .update();
        await().untilAsserted(() ->
                assertThat(configHash(ns.get(Deployment.class, "demo"))).isNotEqualTo(configHash(first)));
        assertThat(decoded(ns.get(Secret.class, "demo-config"), "COUNTER_AUTH_TOKEN"))
                .isEqualTo("rotated-token");
    }
}
