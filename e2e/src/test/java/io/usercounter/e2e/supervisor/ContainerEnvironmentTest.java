package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ContainerEnvironmentTest {

    static KubernetesClient client;
    private ContainerEnvironment environment;

    @BeforeEach
    void secrets() {
        environment = new ContainerEnvironment(client);
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("demo-config")
                        .withNamespace("team-a")
                        .endMetadata()
                        .addToData("SPRING_DATASOURCE_URL", base64("jdbc:mysql://127.0.0.1:3306/counters_demo"))
                        .addToData("COUNTER_KEY_PREFIX", base64("from-secret"))
                        .build())
                .createOr(r -> r.update());
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("mysql-creds")
                        .withNamespace("team-a")
                        .endMetadata()
                        .addToStringData("password", "s3cret")
                        .build())
                .createOr(r -> r.update());
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void envFromSecretsAreDecodedAndEnvEntriesWinOverThem() throws Exception {
        Container container = new ContainerBuilder()
                .withName("counter-app")
                .addNewEnvFrom()
                .withNewSecretRef("demo-config", false)
                .endEnvFrom()
                .addNewEnv()
                .withName("COUNTER_KEY_PREFIX")
                .withValue("team-a.demo")
                .endEnv()
                .addNewEnv()
                .withName("COUNTER_CONSISTENCY")
                .withValue("eventual")
                .endEnv()
                .build();

        assertThat(environment.resolve("team-a", "demo-1", container))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "SPRING_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:3306/counters_demo",
                        "COUNTER_KEY_PREFIX", "team-a.demo",
                        "COUNTER_CONSISTENCY", "eventual"));
    }

    @Test
    void secretKeyRefsAndFieldRefsAreResolved() throws Exception {
        Container container = new ContainerBuilder()
                .withName("counter-app")
                .addNewEnv()
                .withName("DB_PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef("password", "mysql-creds", false)
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef(null, "metadata.name")
                .endValueFrom()
                .endEnv()
                .build();

        assertThat(environment.resolve("team-a", "demo-1", container))
                .containsExactlyInAnyOrderEntriesOf(Map.of("DB_PASSWORD", "s3cret", "POD_NAME", "demo-1"));
    }

    @Test
    void aMissingSecretIsNamedInTheError() {
        Container container = new ContainerBuilder()
                .withName("counter-app")
                .addNewEnvFrom()
                .withNewSecretRef("absent", false)
                .endEnvFrom()
                .build();

        assertThatThrownBy(() -> environment.resolve("team-a", "demo-1", container))
                .isInstanceOf(UnresolvableEnvironment.class)
                .hasMessage("secret \"team-a/absent\" not found");
    }

    @Test
    void aMissingKeyIsNamedWithTheVariableThatNeedsIt() {
        Container container = new ContainerBuilder()
                .withName("counter-app")
                .addNewEnv()
                .withName("DB_USER")
                .withNewValueFrom()
                .withNewSecretKeyRef("username", "mysql-creds", false)
                .endValueFrom()
                .endEnv()
                .build();

        assertThatThrownBy(() -> environment.resolve("team-a", "demo-1", container))
                .isInstanceOf(UnresolvableEnvironment.class)
                .hasMessage("couldn't find key username in Secret team-a/mysql-creds (env DB_USER)");
    }

    @Test
    void anOptionalMissingSecretLeavesTheVariableUnset() throws Exception {
        Container container = new ContainerBuilder()
                .withName("counter-app")
                .addNewEnv()
                .withName("REDIS_PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef("password", "absent", true)
                .endValueFrom()
                .endEnv()
                .build();

        assertThat(environment.resolve("team-a", "demo-1", container)).isEmpty();
    }
}
