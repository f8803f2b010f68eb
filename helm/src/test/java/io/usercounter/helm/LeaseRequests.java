package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.LeaderElectionManager;
import io.usercounter.localstack.apiserver.LocalApiServer;
import io.usercounter.operator.UserCounterOperator;
import io.usercounter.operator.config.OperatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Lease requests the real operator's client sends, recorded on the local API server: once electing itself where
 * no Lease exists yet, once taking over a Lease whose holder stopped renewing; each run lasts until it renewed.
 */
final class LeaseRequests {

    private static final String LEASES_PATH = "/apis/" + LeaderElectionManager.COORDINATION_GROUP + "/v1/namespaces/";
    private static final Duration RENEWED_WITHIN = Duration.ofSeconds(30);

    private LeaseRequests() {}

    /** One access per request sent: the verb the API server's authorizer would check, and the Lease it names. */
    static List<ApiAccess> recorded() {
        try (LocalApiServer server = LocalApiServer.start(0);
                KubernetesClient admin = server.client()) {
            createUserCounterCrd(admin);
            List<ApiAccess> accesses = new CopyOnWriteArrayList<>();
            runUntilRenewed(admin.getConfiguration(), "lease-absent", accesses);
            admin.resource(new LeaseBuilder()
                            .withNewMetadata()
                            .withName(UserCounterOperator.LEASE_NAME)
                            .withNamespace("lease-expired")
                            .endMetadata()
                            .withNewSpec()
                            .withHolderIdentity("departed-replica")
                            .withLeaseDurationSeconds(15)
                            .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1))
                            .withAcquireTime(ZonedDateTime.now(ZoneOffset.UTC).minusHours(2))
                            .withLeaseTransitions(0)
                            .endSpec()
                            .build())
                    .create();
            runUntilRenewed(admin.getConfiguration(), "lease-expired", accesses);
            return List.copyOf(accesses);
        }
    }

    private static void runUntilRenewed(Config server, String leaseNamespace, List<ApiAccess> accesses) {
        List<ApiAccess> ofThisRun = new CopyOnWriteArrayList<>();
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                String path = request.uri().getPath();
                if (path.startsWith(LEASES_PATH)) {
                    ofThisRun.add(access(request.method(), path, request.uri().getQuery()));
                }
            }
        };
        var config = OperatorConfig.fromEnvironment(Map.of(
                OperatorConfig.OPERATOR_LEADER_ELECTION_NAMESPACE, leaseNamespace,
                OperatorConfig.OPERATOR_SERVER_SIDE_APPLY, "false",
                OperatorConfig.OPERATOR_HEALTH_PORT, "0"));
        try (KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(server)
                        .withHttpClientBuilderConsumer(
                                builder -> builder.addOrReplaceInterceptor("lease-recorder", recorder))
                        .build();
                UserCounterOperator operator = UserCounterOperator.start(config, client)) {
            long deadline = System.nanoTime() + RENEWED_WITHIN.toNanos();
            // the first patch elects or takes over, the second renews
            while (ofThisRun.stream()
                            .filter(access -> access.verbs().contains("patch"))
                            .count()
                    < 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "the operator did not renew its Lease within " + RENEWED_WITHIN + ": " + ofThisRun);
                }
                sleep();
            }
        }
        accesses.addAll(ofThisRun);
    }

    private static ApiAccess access(String method, String path, String query) {
        String[] segments = path.substring(LEASES_PATH.length()).split("/");
        String name = segments.length > 2 ? segments[2] : null;
        boolean watch = query != null && query.contains("watch=");
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new AssertionError("unexpected method " + method + " " + path);
        };
        return new ApiAccess(
                method + " " + path,
                LeaderElectionManager.COORDINATION_GROUP,
                LeaderElectionManager.LEASES_RESOURCE,
                name,
                Set.of(verb));
    }

    private static void createUserCounterCrd(KubernetesClient admin) {
        try (InputStream crd =
                LeaseRequests.class.getResourceAsStream("/META-INF/fabric8/usercounters.usercounter.io-v1.yml")) {
            admin.resource(Serialization.unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
