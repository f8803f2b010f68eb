package io.usercounter.operator;

import static io.usercounter.operator.TestNamespace.configHash;
import static io.usercounter.operator.TestNamespace.env;
import static io.usercounter.operator.TestUserCounters.decoded;
import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.AuthSpec;
import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A change of the spec or of a referenced Secret reaches the pods, and rolls them through the config hash. */
@ExtendWith(OperatorOnMockApiServer.class)
class SpecChangesTest {

    @Test
    void syncIntervalChangeReachesTheDeploymentAndChangesTheHash(TestNamespace ns) {
        String before = deployed(ns);

        ns.editSpec("demo", uc -> uc.getSpec().setSyncInterval("1m30s"));

        await().untilAsserted(() ->
                assertThat(env(ns.get(Deployment.class, "demo"))).containsEntry("COUNTER_SYNC_INTERVAL", "90s"));
        assertThat(configHash(ns.get(Deployment.class, "demo"))).isNotEqualTo(before);
    }

    @Test
    void consistencyChangeReachesTheDeploymentAndChangesTheHash(TestNamespace ns) {
        String before = deployed(ns);

        ns.editSpec("demo", uc -> uc.getSpec().setConsistency(Consistency.Strong));

        await().untilAsserted(() ->
                assertThat(env(ns.get(Deployment.class, "demo"))).containsEntry("COUNTER_CONSISTENCY", "strong"));
        assertThat(configHash(ns.get(Deployment.class, "demo"))).isNotEqualTo(before);
    }

    @Test
    void imageChangeReachesTheDeploymentAndChangesTheHash(TestNamespace ns) {
        String before = deployed(ns);

        ns.editSpec("demo", uc -> uc.getSpec().setImage("registry.test/counter-app:2.0"));

        await().untilAsserted(() -> assertThat(ns.get(Deployment.class, "demo")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry.test/counter-app:2.0"));
        assertThat(configHash(ns.get(Deployment.class, "demo"))).isNotEqualTo(before);
    }

    @Test
    void replicasChangeReachesTheDeploymentWithoutRollingThePods(TestNamespace ns) {
        String before = deployed(ns);

        ns.editSpec("demo", uc -> uc.getSpec().setReplicas(3));

        await().untilAsserted(() -> assertThat(
                        ns.get(Deployment.class, "demo").getSpec().getReplicas())
                .isEqualTo(3));
        assertThat(configHash(ns.get(Deployment.class, "demo"))).isEqualTo(before);
    }

    @Test
    void rotatedPasswordUpdatesTheConfigSecretAndChangesTheHash(TestNamespace ns) {
        String before = deployed(ns);

        ns.client().resource(mysqlSecret(ns.name(), "rotated")).update();

        await().untilAsserted(() -> assertThat(
                        decoded(ns.get(Secret.class, "demo-config"), "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo("rotated"));
        await().untilAsserted(() ->
                assertThat(configHash(ns.get(Deployment.class, "demo"))).isNotEqualTo(before));
    }

    @Test
    void removingAuthRemovesTheTokenFromTheConfigSecretAndRollsThePods(TestNamespace ns) {
        ns.create(secret(ns.name(), "api-token", Map.of("token", "t0ken")));
        var protectedCounter = userCounter(ns.name(), "demo");
        protectedCounter.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "token")));
        ns.applyWithSecrets(protectedCounter, "s3cret", "redis-pw");
        await().untilAsserted(() -> assertThat(ns.get(Secret.class, "demo-config"))
                .isNotNull()
                .extracting(Secret::getData)
                .asInstanceOf(MAP)
                .containsKey("COUNTER_AUTH_TOKEN"));
        String before = configHash(ns.awaitObject(Deployment.class, "demo"));

        ns.editSpec("demo", uc -> uc.getSpec().setAuth(null));

        await().untilAsserted(
                        () -> assertThat(ns.get(Secret.class, "demo-config").getData())
                                .containsOnlyKeys(
                                        "SPRING_DATASOURCE_URL",
                                        "SPRING_DATASOURCE_USERNAME",
                                        "SPRING_DATASOURCE_PASSWORD",
                                        "COUNTER_REDIS_MODE",
                                        "COUNTER_REDIS_URL"));
        await().untilAsserted(() ->
                assertThat(configHash(ns.get(Deployment.class, "demo"))).isNotEqualTo(before));
    }

    /** Eventual, 5s, two replicas; returns the config hash of its first Deployment. */
    private static String deployed(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        return configHash(ns.awaitObject(Deployment.class, "demo"));
    }
}
