package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServer;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.io.FileInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two operator jars with leader election on the local stack's API server: the leader is killed with SIGKILL (no
 * release of the Lease), and the stand-by takes over and reconciles a spec change made after the kill.
 */
class LeaderFailoverIT {

    static final int LEASE_SECONDS = 4;
    /** Start-up of a JVM is not in it, but a loaded 2-core machine is: takeover plus one reconciliation. */
    static final Duration RECONCILE_ALLOWANCE = Duration.ofSeconds(15);

    static final String LEASE_NAMESPACE = "usercounter-system";

    static LocalApiServer server;
    static KubernetesClient client;
    static Path kubeconfig;

    @BeforeAll
    static void startApiServer() throws Exception {
        server = LocalApiServer.start(0);
        client = server.client();
        try (var crd = new FileInputStream(OperatorOnMockApiServer.CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        }
        kubeconfig = Files.createTempFile("leader-failover-it", ".kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: local, cluster: {server: "%s"}}]
                contexts: [{name: local, context: {cluster: local, user: local, namespace: default}}]
                current-context: local
                users: [{name: local, user: {token: local}}]
                """.formatted(server.url()));
    }

    @AfterAll
    static void stopApiServer() throws Exception {
        client.close();
        server.close();
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void theStandByTakesOverFromAKilledLeaderAndReconcilesASpecChange() throws Exception {
        Process first = start("operator-a");
        Process second = null;
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> holder().startsWith("operator-a_"));
            second = start("operator-b");
            client.resource(mysqlSecret("failover", "s3cret")).create();
            client.resource(redisSecret("failover", "redis-pw")).create();
            client.resource(userCounter("failover", "demo")).create();
            await().atMost(Duration.ofSeconds(60)).until(() -> replicas() == 2);
            // the stand-by is up (its informers synced) before the leader dies
            Thread.sleep(Duration.ofSeconds(20).toMillis());

            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            client.resources(UserCounter.class)
                    .inNamespace("failover")
                    .withName("demo")
                    .edit(userCounter -> {
                        userCounter.getSpec().setReplicas(3);
                        return userCounter;
                    });

            Duration budget = Duration.ofSeconds(LEASE_SECONDS).plus(RECONCILE_ALLOWANCE);
            await().atMost(budget).until(() -> replicas() == 3);
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(budget);
            assertThat(holder()).startsWith("operator-b_");
            assertThat(second.isAlive()).isTrue();
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static String holder() {
        Lease lease = client.resources(Lease.class)
                .inNamespace(LEASE_NAMESPACE)
                .withName(UserCounterOperator.LEASE_NAME)
                .get();
        return lease == null || lease.getSpec().getHolderIdentity() == null
                ? ""
                : lease.getSpec().getHolderIdentity();
    }

    private static int replicas() {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace("failover")
                .withName("demo")
                .get();
        return deployment == null ? 0 : deployment.getSpec().getReplicas();
    }

    private static Process start(String hostname) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-Xmx256m", "-jar", OperatorJarIT.JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "leader-failover-it-" + hostname + ".log")
                        .toFile());
        var env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOSTNAME", hostname);
        env.put("OPERATOR_SERVER_SIDE_APPLY", "false");
        env.put("OPERATOR_HEALTH_PORT", String.valueOf(freePort()));
        env.put("OPERATOR_LEADER_ELECTION_NAMESPACE", LEASE_NAMESPACE);
        env.put("OPERATOR_LEADER_ELECTION_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
        return builder.start();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
