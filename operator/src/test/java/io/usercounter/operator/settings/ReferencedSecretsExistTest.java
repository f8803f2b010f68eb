package io.usercounter.operator.settings;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.operator.api.v1alpha1.AuthSpec;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import io.usercounter.operator.status.ReconcileProblem;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencedSecretsExistTest {

    final ReferencedSecretsExist precondition = new ReferencedSecretsExist();

    @Test
    void holdsWhenEveryReferencedKeyExists() {
        assertThat(precondition.check(
                        userCounter("team-a", "demo"),
                        TestSecrets.of(mysqlSecret("team-a", "pw"), redisSecret("team-a", "pw"))))
                .isEmpty();
    }

    @Test
    void namesTheMissingMysqlSecret() {
        assertThat(precondition.check(userCounter("team-a", "demo"), TestSecrets.of(redisSecret("team-a", "pw"))))
                .isEqualTo(
                        Optional.of(
                                new ReconcileProblem(
                                        "SecretNotFound",
                                        "Secret mysql-creds (spec.mysql.credentialsSecretRef.usernameKey) not found in namespace team-a")));
    }

    @Test
    void namesTheMissingRedisSecret() {
        assertThat(precondition.check(userCounter("team-a", "demo"), TestSecrets.of(mysqlSecret("team-a", "pw"))))
                .isEqualTo(Optional.of(new ReconcileProblem(
                        "SecretNotFound",
                        "Secret redis-auth (spec.redis.passwordSecretRef.key) not found in namespace team-a")));
    }

    @Test
    void namesTheMissingKey() {
        var withoutPassword = secret("team-a", "mysql-creds", Map.of("username", "counter"));

        assertThat(precondition.check(
                        userCounter("team-a", "demo"), TestSecrets.of(withoutPassword, redisSecret("team-a", "pw"))))
                .isEqualTo(Optional.of(new ReconcileProblem(
                        "SecretKeyNotFound",
                        "Secret mysql-creds has no key password (spec.mysql.credentialsSecretRef.passwordKey)")));
    }

    @Test
    void namesTheMissingAuthTokenKey() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "token")));

        assertThat(precondition.check(
                        userCounter,
                        TestSecrets.of(
                                mysqlSecret("team-a", "pw"),
                                redisSecret("team-a", "pw"),
                                secret("team-a", "api-token", Map.of("other", "x")))))
                .isEqualTo(Optional.of(new ReconcileProblem(
                        "SecretKeyNotFound", "Secret api-token has no key token (spec.auth.tokenSecretRef.key)")));
    }

    @Test
    void needsNoRedisSecretWhenRedisHasNoPassword() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().getRedis().setPasswordSecretRef(null);

        assertThat(precondition.check(userCounter, TestSecrets.of(mysqlSecret("team-a", "pw"))))
                .isEmpty();
    }
}
