package io.usercounter.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.CrdSchema;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.settings.CounterAppSettings;
import io.usercounter.operator.settings.CounterAppSettingsResolver;
import io.usercounter.operator.settings.ReferencedSecretsExist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** examples/: each file applies as it is, and its UserCounters find every Secret they reference in the file. */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<Path> examples() throws IOException {
        try (var files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void thereIsAnExampleForTheDemoEachConsistencyAnIngressEachRedisTopologyAutoscalingAndMonitoring()
            throws IOException {
        assertThat(examples().map(file -> file.getFileName().toString()))
                .containsExactly(
                        "autoscaled.yaml",
                        "cluster.yaml",
                        "demo.yaml",
                        "eventual.yaml",
                        "monitored.yaml",
                        "pod-template.yaml",
                        "sentinel.yaml",
                        "strong.yaml",
                        "with-ingress.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void userCountersPassTheCrdSchemaAndItsCelRules(Path example) throws IOException {
        var schema = CrdSchema.generated();
        for (JsonNode document : documents(example)) {
            if ("UserCounter".equals(document.path("kind").asText())) {
                assertThat(schema.violationsOfSpec(document.path("spec")))
                        .as(example.toString())
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void referencedSecretsAreInTheSameFile(Path example) throws IOException {
        var documents = documents(example);
        List<Secret> secrets = documents.stream()
                .filter(document -> "Secret".equals(document.path("kind").asText()))
                .map(document -> SERIALIZATION.convertValue(document, Secret.class))
                .toList();
        var userCounters = documents.stream()
                .filter(document -> "UserCounter".equals(document.path("kind").asText()))
                .map(document -> SERIALIZATION.convertValue(document, UserCounter.class))
                .toList();

        assertThat(userCounters).as(example.toString()).isNotEmpty();
        for (UserCounter userCounter : userCounters) {
            assertThat(new ReferencedSecretsExist()
                            .check(
                                    userCounter,
                                    name -> secrets.stream()
                                            .filter(secret -> secret.getMetadata()
                                                    .getName()
                                                    .equals(name))
                                            .findFirst()))
                    .as(example + " " + userCounter.getMetadata().getName())
                    .isEqualTo(Optional.empty());
        }
    }

    @Test
    void demoRunsEventuallyAgainstTheLocalRedisAndMariaDb() throws IOException {
        var demo = documents(EXAMPLES.resolve("demo.yaml")).stream()
                .filter(document -> "UserCounter".equals(document.path("kind").asText()))
                .map(document -> SERIALIZATION.convertValue(document, UserCounter.class))
                .findFirst()
                .orElseThrow();

        assertThat(demo.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(demo.getSpec().getConsistency()).isEqualTo(Consistency.Eventual);
        assertThat(demo.getSpec().getSyncInterval()).isEqualTo("2s");
        assertThat(demo.getSpec().getReplicas()).isEqualTo(2);
        assertThat(demo.getSpec().getRedis().getHost() + ":"
                        + demo.getSpec().getRedis().getPort())
                .isEqualTo("127.0.0.1:6379");
        assertThat(demo.getSpec().getMysql().getHost() + ":"
                        + demo.getSpec().getMysql().getPort())
                .isEqualTo("127.0.0.1:3306");
        assertThat(demo.getSpec().getMysql().getDatabase()).isEqualTo("counters_demo");
    }

    @Test
    void sentinelExampleGivesTheAppASentinelUriNamingTheMaster() throws IOException {
        var settings = resolvedSettings("sentinel.yaml");

        assertThat(settings.redisMode()).isEqualTo("sentinel");
        assertThat(settings.redisUrl())
                .isEqualTo("redis-sentinel://:change-me@sentinel-0.redis.infra:26379,"
                        + "sentinel-1.redis.infra:26379,sentinel-2.redis.infra:26379#counters");
    }

    @Test
    void clusterExampleGivesTheAppSeedUrisAndAnAuthToken() throws IOException {
        var settings = resolvedSettings("cluster.yaml");

        assertThat(settings.redisMode()).isEqualTo("cluster");
        assertThat(settings.redisUrl())
                .isEqualTo("redis://redis-0.redis-cluster.infra:6379,"
                        + "redis://redis-1.redis-cluster.infra:6379,redis://redis-2.redis-cluster.infra:6379");
        assertThat(settings.authToken()).contains("change-me-too");
    }

    /** The settings the operator would give the pods of the example's UserCounter, its Secrets as in the file. */
    private static CounterAppSettings resolvedSettings(String example) throws IOException {
        var documents = documents(EXAMPLES.resolve(example));
        List<Secret> secrets = documents.stream()
                .filter(document -> "Secret".equals(document.path("kind").asText()))
                .map(document -> SERIALIZATION.convertValue(document, Secret.class))
                .toList();
        var userCounter = documents.stream()
                .filter(document -> "UserCounter".equals(document.path("kind").asText()))
                .map(document -> SERIALIZATION.convertValue(document, UserCounter.class))
                .findFirst()
                .orElseThrow();
        return new CounterAppSettingsResolver("registry.test/counter-app:1.0")
                .resolve(
                        userCounter,
                        name -> secrets.stream()
                                .filter(secret -> secret.getMetadata().getName().equals(name))
                                .findFirst());
    }

    private static List<JsonNode> documents(Path example) throws IOException {
        try (var parser = YAML.getFactory().createParser(example.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(document -> !document.isNull() && !document.isEmpty())
                    .toList();
        }
    }
}
