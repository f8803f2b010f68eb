package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.e2e.stack.LocalStack;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local stack with each replica run as a container (SUPERVISOR_CONTAINERS=podman): the image `make images`
 * builds, with exactly its pod's env, security context, resources and volumes. Two UserCounters at once: one whose
 * pod the image runs under, and one with a memory limit the app cannot start under, which the jar-running
 * supervisor would have reported Ready.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerReplicasIT {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
    private static final Path WORK = REPOSITORY.resolve("e2e/target/container-replicas");
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String FITS = "fits-" + SUFFIX;
    private static final String TIGHT = "tight-" + SUFFIX;
    private static final String DATABASE = "counters_containers_" + SUFFIX;
    private static final String MARIADB = "jdbc:mysql://127.0.0.1:3306/";
    private static final Duration START = Duration.ofMinutes(4);

    private static LocalStack stack;
    private static KubernetesClient client;

    @BeforeAll
    static void stackWithContainerReplicas() throws Exception {
        assumeTrue(
                "local".equals(System.getProperty("e2e.target", "local")),
                "containerised replicas run on the local stack");
        Files.createDirectories(WORK);
        run("bash", "scripts/images.sh");
        execute("CREATE DATABASE " + DATABASE);
        stack = new LocalStack(
                REPOSITORY, new StackDirectory(WORK.resolve(StackDirectory.DEFAULT)), false, true, System.out);
        stack.up();
        client = stack.client();
        client.load(new ByteArrayInputStream(manifests().getBytes(StandardCharsets.UTF_8)))
                .items()
                .forEach(item -> client.resource(item).create());
    }

    @AfterAll
    static void down() throws SQLException {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.down();
        }
        execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    @Order(2)
    void aReplicaRunsItsImageUnderThePodsUserReadOnlyRootAndMemoryLimit() throws Exception {
        await().atMost(START).pollInterval(Duration.ofSeconds(1)).until(() -> readyReplicas(FITS) == 1);

        String pod = runningPod(FITS);
        assertThat(run(
                        "podman",
                        "--runtime",
                        "runc",
                        "inspect",
                        "--format",
                        "{{.ImageName}} {{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}}",
                        "uc-default." + pod))
                .isEqualTo("ghcr.io/usercounter/counter-app:0.1.0 10001:10001 true 536870912");

        String url = "http://127.0.0.1:"
                + Files.readString(stack.directory().servicePort("default", FITS))
                        .trim();
        String created = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"in-a-container\"}")));
        String id = created.replaceFirst("(?s).*\"id\":(\\d+).*", "$1");
        assertThat(send(HttpRequest.newBuilder(URI.create(url + "/api/v1/users/" + id + "/increment?by=3"))
                        .PUT(HttpRequest.BodyPublishers.noBody())))
                .contains("\"counter\":3");
    }

    @Test
    @Order(1)
    void aMemoryLimitTheAppCannotStartUnderKeepsItsReplicaRestartingAndNeverReady() throws Exception {
        Path supervisorLog = stack.directory().log("supervisor");
        // 137: the kernel's OOM killer, as a kubelet would report OOMKilled and then CrashLoopBackOff
        await().atMost(START)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Files.readString(supervisorLog)
                        .matches("(?s).*default/" + TIGHT + "-\\S+ exited with code 137.*"));

        assertThat(readyReplicas(TIGHT)).isZero();
        // its restarts would only slow the other replica's start on two cores
        client.genericKubernetesResources("usercounter.io/v1alpha1", "UserCounter")
                .inNamespace("default")
                .withName(TIGHT)
                .delete();
    }

    private static int readyReplicas(String name) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace("default")
                .withName(name)
                .get();
        Integer ready = deployment == null || deployment.getStatus() == null
                ? null
                : deployment.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    /** The pod name of the Deployment's one running replica, from the supervisor's pid files. */
    private static String runningPod(String deployment) throws IOException {
        try (Stream<Path> pids = Files.list(stack.directory().replicas())) {
            return pids.map(p -> p.getFileName()
                            .toString()
                            .replaceFirst("^default\\.", "")
                            .replaceFirst("\\.pid$", ""))
                    .filter(pod -> pod.startsWith(deployment + "-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("%s answered %s", request.build().uri(), response.body())
                    .isBetween(200, 299);
            return response.body();
        }
    }

    /** A Secret and two Eventual UserCounters of one replica each, as examples/demo.yaml has them, differing in memory. */
    private static String manifests() {
        String userCounter = """
        ---
        apiVersion: usercounter.io/v1alpha1
        kind: UserCounter
        metadata:
          name: %s
          namespace: default
        spec:
          replicas: 1
          consistency: Eventual
          syncInterval: 2s
          redis: {host: 127.0.0.1, port: 6379}
          mysql:
            host: 127.0.0.1
            port: 3306
            database: %s
            credentialsSecretRef: {name: containers-mysql, usernameKey: username, passwordKey: password}
          resources:
            limits: {memory: %s}
        """;
        return """
        apiVersion: v1
        kind: Secret
        metadata: {name: containers-mysql, namespace: default}
        type: Opaque
        stringData: {username: usercounter, password: usercounter}
        """ + userCounter.formatted(FITS, DATABASE, "512Mi") + userCounter.formatted(TIGHT, DATABASE, "128Mi");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("%s printed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    private static void execute(String statement) throws SQLException {
        try (var connection = DriverManager.getConnection(MARIADB, "usercounter", "usercounter");
                var sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
