package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.Condition;
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

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(Condition.READY)).hasValueSatisfying(r -> {
            assertThat(r.getStatus()).isEqualTo("False");
            assertThat(r.getReason()).isEqualTo("SecretNotFound");
            assertThat(r.getMessage()).isEqualTo("Secret mysql-creds (spec.mysql.credentialsSecretRef.usernameKey)"
                    + " not found in namespace " + ns.name());
        }));
        assertThat(ns.status("demo").condition(Condition.DEGRADED).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(ns.get(Deployment.class, "demo")).isNull();
        assertThat(ns.get(Secret.class, "demo-config")).isNull();

        ns.create(mysqlSecret(ns.name(), "s3cret"));

        ns.awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(ns.status("demo").condition(Condition.READY).orElseThrow().getReason())
                .isEqualTo("ReplicasNotReady"));
    }

    @Test
    void missingSecretKeyIsReportedByName(TestNamespace ns) {
        ns.create(redisSecret(ns.name(), "redis-pw"));
        ns.create(secret(ns.name(), "mysql-creds", Map.of("username", "counter")));
        ns.create(userCounter(ns.name(), "demo"));

        await().untilAsserted(() -> assertThat(ns.status("demo").condition(Condition.READY)).hasValueSatisfying(r -> {
            assertThat(r.getReason()).isEqualTo("SecretKeyNotFound");
            assertThat(r.getMessage())
                    .isEqualTo("Secret mysql-creds has no key password (spec.mysql.credentialsSecretRef.passwordKey)");
        }));
        assertThat(ns.get(Deployment.class, "demo")).isNull();
    }
}
