package io.usercounter.e2e.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.e2e.client.CounterServiceClient;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the suite runs (E2E_TARGET=local|kind): a kubeconfig, a way to reach a Service, the app processes behind
 * a Deployment, and the stores as the pods see them. The scenarios are written against this alone.
 */
public interface ClusterTarget extends AutoCloseable {

    KubernetesClient client();

    /** A client for the counter service behind Service {@code name}; a fresh one per call, so a fresh connection pool. */
    CounterServiceClient service(String namespace, String name);

    /** The `spec.ingress` a UserCounter needs for {@link #service} to reach it, when this target goes through one. */
    Optional<Map<String, Object>> ingress(String namespace, String name);

    /** The running app instances of a Deployment: process ids on the local stack, pod names on a cluster. */
    Set<String> runningReplicas(String namespace, String deployment);

    /** Kills one app instance without warning (SIGKILL, or a pod deleted with no grace period). */
    void killOneReplica(String namespace, String deployment);

    /** The operator's /metrics, where the target can reach it from the suite. */
    Optional<URI> operatorMetrics();

    /** Redis and MySQL host and port as the pods reach them. */
    Stores stores();

    void createDatabase(String name);

    /** Removes the suite's database again, so runs leave nothing behind in a shared MySQL. */
    void dropDatabase(String name);

    /** The counter column of a user, read from MySQL itself rather than through the app. */
    long databaseCounter(String database, long userId);

    /** The MySQL account the pods use, for the credentials Secret. */
    DatabaseAccount databaseAccount();

    /**
     * Every process log of this run (API server, operator, supervisor, each app replica) by name, when the target
     * keeps them to the end; a cluster's pods and their logs are gone once the suite has deleted them.
     */
    Optional<Map<String, String>> processLogs();

    record Stores(String redisHost, int redisPort, String mysqlHost, int mysqlPort) {}

    record DatabaseAccount(String username, String password) {

        /** Never prints the password: a failure message that printed it would itself be a leak into a log. */
        @Override
        public String toString() {
            return "DatabaseAccount[username=" + username + ", password=<redacted>]";
        }
    }

    static ClusterTarget fromEnvironment() {
        String target = System.getenv().getOrDefault("E2E_TARGET", System.getProperty("e2e.target", "local"));
        return switch (target) {
            case "local" -> LocalTarget.start();
            case "kind" -> new KindTarget();
            default -> throw new IllegalArgumentException("E2E_TARGET must be local or kind, not '" + target + "'");
        };
    }

    @Override
    void close();
}
