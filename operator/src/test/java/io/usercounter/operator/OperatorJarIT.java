package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run with {@code java -jar} as the local stack runs it: against an API server without server-side
 * apply (fabric8's CRUD mock) with OPERATOR_SERVER_SIDE_APPLY=false.
 */
class OperatorJarIT {

    static final Path JAR = Path.of("target", "operator-0.1.0-SNAPSHOT.jar");

    static KubernetesMockServer server;
    static KubernetesClient client;
    static Path kubeconfig;

    @BeforeAll
    static void startApiServer() throws Exception {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        try (var crd = new FileInputStream("target/classes/META-INF/fabric8/usercounters.usercounter.io-v1.yml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        }
        kubeconfig = Files.createTempFile("operator-jar-it", ".kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
                current-context: mock
                users: [{name: mock, user: {token: mock}}]
                """.formatted(server.getPort()));
    }

    @AfterAll
    static void stopApiServer() throws Exception {
        client.close();
        server.destroy();
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void jarReconcilesWithoutServerSideApplyAnswersHealthzAndStopsOnSigterm() throws Exception {
        int healthPort = freePort();
        client.resource(mysqlSecret("jar", "s3cret")).create();
        client.resource(redisSecret("jar", "redis-pw")).create();
        client.resource(userCounter("jar", "demo")).create();

        Process operator = start(
                Map.of("OPERATOR_SERVER_SIDE_APPLY", "false", "OPERATOR_HEALTH_PORT", String.valueOf(healthPort)),
                Path.of("target", "operator-jar-it.log"));
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var userCounter = client.resources(UserCounter.class)
                        .inNamespace("jar")
                        .withName("demo")
                        .get();
                assertThat(userCounter.getStatus()).isNotNull();
                assertThat(userCounter
                                .getStatus()
                                .condition(READY)
                                .orElseThrow()
                                .getReason())
                        .isEqualTo("ReplicasNotReady");
            });
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("jar")
                            .withName("demo")
                            .get()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage())
                    .isEqualTo("ghcr.io/usercounter/counter-app:0.1.0");
            var healthz = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(healthz.statusCode()).isEqualTo(200);
            var metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("operator_sdk_reconciliations_started_total");
        } finally {
            operator.destroy();
        }
        assertThat(operator.waitFor(20, TimeUnit.SECONDS))
                .as("stopped within 20s of SIGTERM")
                .isTrue();
        assertThat(Files.readString(Path.of("target", "operator-jar-it.log")))
                .contains("Stopping the UserCounter operator")
                .doesNotContain("s3cret")
                .doesNotContain("redis-pw");
    }

    @Test
    void badEnvironmentValueStopsStartUpWithOneLineNamingTheVariable() throws Exception {
        Path output = Files.createTempFile("operator-jar-it", ".out");
        Process operator = start(Map.of("OPERATOR_HEALTH_PORT", "80a"), output);

        assertThat(operator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(operator.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(output))
                .containsExactly(
                        "usercounter-operator: OPERATOR_HEALTH_PORT='80a' is invalid: expected a port number from 0 to 65535");
        Files.delete(output);
    }

    private static Process start(Map<String, String> env, Path output) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
