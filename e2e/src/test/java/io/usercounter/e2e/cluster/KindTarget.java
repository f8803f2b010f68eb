package io.usercounter.e2e.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.usercounter.e2e.client.CounterServiceClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A kind cluster prepared by e2e/kind/run.sh: ingress-nginx on 127.0.0.1:80, and Redis and MySQL in namespace
 * e2e-infra. Services are reached through an Ingress per UserCounter, routed by the Host header.
 */
final class KindTarget implements ClusterTarget {

    private static final String INFRA = "e2e-infra";
    private static final String INGRESS_ADDRESS =
            System.getenv().getOrDefault("E2E_INGRESS_URL", "http://127.0.0.1:80/");

    private final KubernetesClient client = new KubernetesClientBuilder().build();

    @Override
    public KubernetesClient client() {
        return client;
    }

    private static String host(String namespace, String name) {
        return name + "." + namespace + ".e2e.test";
    }

    @Override
    public CounterServiceClient service(String namespace, String name) {
        return new CounterServiceClient(URI.create(INGRESS_ADDRESS), Optional.of(host(namespace, name)));
    }

    /** The operator runs in the cluster behind a ClusterIP Service; the suite does not port-forward to it. */
    @Override
    public Optional<URI> operatorMetrics() {
        return Optional.empty();
    }

    @Override
    public Optional<Map<String, Object>> ingress(String namespace, String name) {
        return Optional.of(Map.of("enabled", true, "host", host(namespace, name), "className", "nginx", "path", "/"));
    }

    @Override
    public Set<String> runningReplicas(String namespace, String deployment) {
        return client
                .pods()
                .inNamespace(namespace)
                .withLabel("app.kubernetes.io/instance", deployment)
                .list()
                .getItems()
                .stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null
                        && "Running".equals(pod.getStatus().getPhase()))
                .map(pod -> pod.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    @Override
    public void killOneReplica(String namespace, String deployment) {
        String pod = runningReplicas(namespace, deployment).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running pod of " + namespace + "/" + deployment));
        client.pods().inNamespace(namespace).withName(pod).withGracePeriod(0).delete();
    }

    @Override
    public Stores stores() {
        return new Stores("redis." + INFRA + ".svc.cluster.local", 6379, "mysql." + INFRA + ".svc.cluster.local", 3306);
    }

    @Override
    public void createDatabase(String name) {
        mysql("CREATE DATABASE IF NOT EXISTS `" + name + "`");
    }

    @Override
    public void dropDatabase(String name) {
        mysql("DROP DATABASE IF EXISTS `" + name + "`");
    }

    @Override
    public long databaseCounter(String database, long userId) {
        return Long.parseLong(mysql("SELECT counter FROM `" + database + "`.users WHERE id = " + userId)
                .trim());
    }

    /** The account e2e/kind/stores.yaml creates. */
    @Override
    public DatabaseAccount databaseAccount() {
        return new DatabaseAccount("usercounter", "usercounter");
    }

    @Override
    public Optional<Map<String, String>> processLogs() {
        return Optional.empty();
    }

    /** Runs one statement with the mysql client inside the MySQL pod, as the account the pods use. */
    private String mysql(String statement) {
        Pod pod = client.pods()
                .inNamespace(INFRA)
                .withLabel("app", "mysql")
                .list()
                .getItems()
                .get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch exec = client.pods()
                .inNamespace(INFRA)
                .withName(pod.getMetadata().getName())
                .writingOutput(out)
                .writingError(err)
                .exec("mysql", "-N", "-uusercounter", "-pusercounter", "-e", statement)) {
            int code = exec.exitCode().get(30, TimeUnit.SECONDS);
            if (code != 0) {
                throw new IllegalStateException(statement + " failed: " + err.toString(StandardCharsets.UTF_8));
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(
                    statement + " failed in pod " + pod.getMetadata().getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
