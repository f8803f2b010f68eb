package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against fabric8's CRUD mock server, running a tiny fake app instead of the counter app. */
@EnableKubernetesMockClient(crud = true)
class SupervisorTest {

    private static final String NS = "team-a";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static KubernetesClient client;

    @TempDir
    Path dir;

    private StackDirectory stack;
    private Supervisor supervisor;

    @BeforeEach
    void startSupervisor() throws IOException {
        stack = new StackDirectory(dir.resolve("stack"));
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("greeting")
                        .withNamespace(NS)
                        .endMetadata()
                        .addToStringData("text", "hello")
                        .build())
                .createOr(r -> r.update());
        supervisor = new Supervisor(client, new SupervisorSettings(FakeAppJar.write(dir), stack));
        supervisor.start();
    }

    @AfterEach
    void stopSupervisor() {
        supervisor.close();
        client.apps().deployments().inNamespace(NS).delete();
        client.services().inNamespace(NS).delete();
    }

    private static Deployment deployment(String name, int replicas, String secret) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withGeneration(1L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("fake:1")
                .addNewEnv()
                .withName("GREETING")
                .withNewValueFrom()
                .withNewSecretKeyRef("text", secret, false)
                .endValueFrom()
                .endEnv()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/ready")
                .withNewPort("http")
                .endHttpGet()
                .endReadinessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private void serviceFor(String name) {
        client.resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", name)
                        .addNewPort()
                        .withPort(80)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    private Integer readyReplicas(String name) {
        Deployment d =
                client.apps().deployments().inNamespace(NS).withName(name).get();
        return d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    }

    /** Zero while the stock mock's full update has wiped the status and the supervisor has not rewritten it. */
    private int statusReplicas(String name) {
        Deployment d =
                client.apps().deployments().inNamespace(NS).withName(name).get();
        return d.getStatus() == null ? 0 : d.getStatus().getReplicas();
    }

    private Set<Long> pids(String name) throws IOException {
        try (Stream<Path> files = Files.list(stack.replicas())) {
            Set<Long> pids = new HashSet<>();
            // .pid only: a pid file is published by rename, and its temporary file may be gone by the time it is read
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(NS + "." + name + "-")
                            && f.getFileName().toString().endsWith(".pid"))
                    .toList()) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
            return pids;
        }
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** HTTP/1.0, so that every request is a new TCP connection for the proxy to place. */
    private static String getOnNewConnection(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private int servicePort(String name) throws IOException {
        Path file = stack.servicePort(NS, name);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
        return Integer.parseInt(Files.readString(file).trim());
    }

    @Test
    void reportsEveryReplicaReadyInTheDeploymentStatusWithItsGeneration() {
        client.resource(deployment("counter", 2, "greeting")).create();

        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(readyReplicas("counter")));
        var status = client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("counter")
                .get()
                .getStatus();
        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getUpdatedReplicas()).isEqualTo(2);
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void eachReplicaSeesOnlyTheDeclaredEnvironmentPlusItsPort() throws Exception {
        client.resource(deployment("counter", 1, "greeting")).create();
        serviceFor("counter");
        int port = servicePort("counter");
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(1).equals(readyReplicas("counter")));

        String[] whoami = get(port, "/whoami").split(" ");
        assertThat(whoami[1]).isEqualTo("hello");
        assertThat(whoami[2]).as("GREETING and SERVER_PORT only").isEqualTo("2");
    }

    @Test
    void aServiceSpreadsConnectionsRoundRobinOverTheReadyReplicas() throws Exception {
        client.resource(deployment("counter", 2, "greeting")).create();
        serviceFor("counter");
        int port = servicePort("counter");
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(readyReplicas("counter")));

        Set<String> answeringPids = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            answeringPids.add(getOnNewConnection(port, "/whoami").split(" ")[0]);
        }
        assertThat(answeringPids)
                .containsExactlyInAnyOrderElementsOf(
                        pids("counter").stream().map(String::valueOf).toList());
    }

    @Test
    void aReplicaKilledWithSigkillIsStartedAgain() throws Exception {
        client.resource(deployment("counter", 2, "greeting")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(readyReplicas("counter")));
        Set<Long> before = pids("counter");
        long victim = before.iterator().next();

        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> pids("counter").size() == 2
                        && !pids("counter").contains(victim)
                        && Integer.valueOf(2).equals(readyReplicas("counter")));
        assertThat(pids("counter"))
                .containsAll(before.stream().filter(pid -> pid != victim).toList());
    }

    @Test
    void scalingDownStopsTheSurplusProcess() throws Exception {
        client.resource(deployment("counter", 2, "greeting")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(readyReplicas("counter")));
        Set<Long> before = pids("counter");

        client.apps().deployments().inNamespace(NS).withName("counter").scale(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> pids("counter").size() == 1);
        assertThat(before).containsAll(pids("counter"));
        assertThat(before.stream()
                        .filter(pid -> ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)))
                .hasSize(1);
    }

    @Test
    void aTemplateChangeRollsOneReplicaAtATimeWithoutLosingReadiness() throws Exception {
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("greeting-v2")
                        .withNamespace(NS)
                        .endMetadata()
                        .addToStringData("text", "bonjour")
                        .build())
                .create();
        client.resource(deployment("counter", 2, "greeting")).create();
        serviceFor("counter");
        int port = servicePort("counter");
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(readyReplicas("counter")));
        Set<Long> before = pids("counter");

        client.resource(deployment("counter", 2, "greeting-v2")).update();
        AtomicInteger fewestReady = new AtomicInteger(2);
        AtomicInteger mostPods = new AtomicInteger(2);
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Set<Long> now = pids("counter");
                    mostPods.accumulateAndGet(statusReplicas("counter"), Math::max);
                    fewestReady.accumulateAndGet(supervisorReadyCount(port), Math::min);
                    return now.size() == 2 && now.stream().noneMatch(before::contains);
                });

        assertThat(fewestReady.get())
                .as("ready replicas behind the Service during the roll")
                .isEqualTo(2);
        assertThat(mostPods.get()).as("surge of one").isLessThanOrEqualTo(3);
        assertThat(get(port, "/whoami").split(" ")[1]).isEqualTo("bonjour");
        assertThat(before.stream()
                        .filter(pid -> ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)))
                .isEmpty();
    }

    private int supervisorReadyCount(int servicePort) {
        return supervisor.readyPorts(NS, Map.of("app", "counter")).size();
    }

    @Test
    void deletingTheDeploymentStopsItsProcesses() throws Exception {
        client.resource(deployment("counter", 2, "greeting")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(readyReplicas("counter")));
        Set<Long> before = pids("counter");

        client.apps().deployments().inNamespace(NS).withName("counter").delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> pids("counter").isEmpty());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> before.stream()
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)));
    }

    @Test
    void aReplicaWhoseSecretIsMissingWaitsAndStartsOnceTheSecretExists() throws Exception {
        client.resource(deployment("counter", 1, "late-secret")).create();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> pids("counter").isEmpty());

        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("late-secret")
                        .withNamespace(NS)
                        .endMetadata()
                        .addToStringData("text", "finally")
                        .build())
                .create();

        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(1).equals(readyReplicas("counter")));
        assertThat(pids("counter")).hasSize(1);
    }

    @Test
    void aDeploymentStatusWipedByAFullUpdateIsWrittenAgain() throws Exception {
        client.resource(deployment("counter", 1, "greeting")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(1).equals(readyReplicas("counter")));

        client.resource(deployment("counter", 1, "greeting")).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(1).equals(readyReplicas("counter")));
        assertThat(List.of(pids("counter").size())).containsExactly(1);
    }

    @Test
    void aReplicaFailingItsLivenessProbeIsRestarted() throws Exception {
        Path sick = dir.resolve("sick");
        Deployment deployment = new DeploymentBuilder(deployment("counter", 1, "greeting"))
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .addNewEnv()
                .withName("SICK_FILE")
                .withValue(sick.toString())
                .endEnv()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPath("/live")
                .withNewPort("http")
                .endHttpGet()
                .withFailureThreshold(2)
                .endLivenessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.resource(deployment).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(1).equals(readyReplicas("counter")));
        Set<Long> before = pids("counter");

        Files.createFile(sick);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> before.stream()
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)));
        Files.delete(sick);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> pids("counter").size() == 1 && Integer.valueOf(1).equals(readyReplicas("counter")));
        assertThat(pids("counter")).doesNotContainAnyElementsOf(before);
    }
}
