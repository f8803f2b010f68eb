package io.usercounter.operator;

import static io.usercounter.operator.TestNamespace.configHash;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.AuthSpec;
import io.usercounter.operator.api.v1alpha1.RedisMode;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator never shows a Secret value: not in its log, not in an Event, not in a UserCounter's status. The run
 * goes through creation, a rotation, a missing key and an invalid spec, the paths that log and write status.
 */
@ExtendWith(OperatorOnMockApiServer.class)
class NoSecretValueTest {

    static final String MYSQL_PASSWORD = "Mysql-Pw-7f3a9c!";
    static final String REDIS_PASSWORD = "Redis-Pw-51d0e2 @";
    static final String ROTATED_REDIS_PASSWORD = "Redis-Rotated-c4d81b";
    static final String AUTH_TOKEN = "Token-9b7e44f0a1";

    @Test
    void noSecretValueAppearsInTheLogEventsOrStatus(TestNamespace ns) {
        try (var log = new CapturedLog()) {
            ns.create(secret(ns.name(), "api-token", Map.of("token", AUTH_TOKEN)));
            var protectedCounter = userCounter(ns.name(), "protected");
            protectedCounter.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "token")));
            ns.applyWithSecrets(protectedCounter, MYSQL_PASSWORD, REDIS_PASSWORD);
            var first = ns.awaitObject(Deployment.class, "protected");

            ns.client().resource(redisSecret(ns.name(), ROTATED_REDIS_PASSWORD)).update();
            await().untilAsserted(() -> assertThat(configHash(ns.get(Deployment.class, "protected")))
                    .isNotEqualTo(configHash(first)));

            var missingKey = userCounter(ns.name(), "missing-key");
            missingKey.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "absent")));
            ns.create(missingKey);
            awaitReadyReason(ns, "missing-key", "SecretKeyNotFound");

            // the mock API server validates nothing, so the operator meets the spec the CRD would have rejected
            var invalid = userCounter(ns.name(), "invalid");
            invalid.getSpec().getRedis().setMode(RedisMode.Sentinel);
            ns.create(invalid);
            awaitReadyReason(ns, "invalid", "InvalidSpec");

            var shown = new ArrayList<String>(log.lines());
            assertThat(shown)
                    .as("the log was captured")
                    .anyMatch(line -> line.contains("Waiting for a referenced Secret"));
            ns.client()
                    .v1()
                    .events()
                    .inNamespace(ns.name())
                    .list()
                    .getItems()
                    .forEach(event ->
                            shown.add(ns.client().getKubernetesSerialization().asJson(event)));
            ns.client()
                    .events()
                    .v1()
                    .events()
                    .inNamespace(ns.name())
                    .list()
                    .getItems()
                    .forEach(event ->
                            shown.add(ns.client().getKubernetesSerialization().asJson(event)));
            ns.client()
                    .resources(UserCounter.class)
                    .inNamespace(ns.name())
                    .list()
                    .getItems()
                    .forEach(userCounter ->
                            shown.add(ns.client().getKubernetesSerialization().asJson(userCounter.getStatus())));

            for (String value : List.of(MYSQL_PASSWORD, REDIS_PASSWORD, ROTATED_REDIS_PASSWORD, AUTH_TOKEN)) {
                for (String form : forms(value)) {
                    assertThat(shown).as("nothing shows %s", form).noneMatch(text -> text.contains(form));
                }
            }
        }
    }

    private static void awaitReadyReason(TestNamespace ns, String userCounter, String reason) {
        await().untilAsserted(() -> assertThat(
                        ns.status(userCounter).condition(READY).orElseThrow().getReason())
                .isEqualTo(reason));
    }

    /** As it is, base64 as in a Secret's data, and percent-encoded as in a Redis URL. */
    private static List<String> forms(String value) {
        return List.of(
                value,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
