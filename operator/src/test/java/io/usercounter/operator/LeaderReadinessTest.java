package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.usercounter.operator.config.OperatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** /readyz with leader election on: ready while the Lease is held, by this replica or by a live leader it stands behind. */
class LeaderReadinessTest {

    private static final String LEASE_NAMESPACE = "usercounter-system";
    private static final String LEASE_PATH =
            "/apis/coordination.k8s.io/v1/namespaces/" + LEASE_NAMESPACE + "/leases/" + UserCounterOperator.LEASE_NAME;

    @Test
    void aCandidateThatCannotTakeOverAnExpiredLeaseIsNotReady() throws Exception {
        var lease = lease("departed-replica", ZonedDateTime.now(ZoneOffset.UTC).minusHours(2));
        try (var running = start(server -> {
            createLease(server, lease);
            // the chart's Role before it granted patch: every takeover is refused
            server.expect()
                    .patch()
                    .withPath(LEASE_PATH)
                    .andReturn(
                            403,
                            new StatusBuilder()
                                    .withCode(403)
                                    .withReason("Forbidden")
                                    .withMessage("leases \"usercounter-operator\" is forbidden")
                                    .build())
                    .always();
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> readyz(running.operator()) == 503);

            assertThat(running.client()
                            .resources(Lease.class)
                            .inNamespace(LEASE_NAMESPACE)
                            .withName(UserCounterOperator.LEASE_NAME)
                            .get()
                            .getSpec()
                            .getHolderIdentity())
                    .isEqualTo("departed-replica");
        }
    }

    @Test
    void aCandidateStandingByBehindALiveLeaderIsReadyAndDoesNotReconcile() throws Exception {
        var lease = lease("live-leader", ZonedDateTime.now(ZoneOffset.UTC));
        try (var running = start(server -> createLease(server, lease))) {
            var ns = new TestNamespace(running.client(), "standby");
            ns.applyWithSecrets(userCounter("standby", "demo"), "s3cret", "redis-pw");

            await().atMost(Duration.ofSeconds(10)).until(() -> readyz(running.operator()) == 200);
            Thread.sleep(1_000);
            assertThat(ns.get(Deployment.class, "demo")).isNull();
        }
    }

    private static OperatorOnMockApiServer.Running start(Consumer<KubernetesMockServer> setUp) {
        return OperatorOnMockApiServer.Running.start(
                Map.of(OperatorConfig.OPERATOR_LEADER_ELECTION_NAMESPACE, LEASE_NAMESPACE), server -> {
                    server.expect()
                            .post()
                            .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                            .andReturn(
                                    201,
                                    new SelfSubjectRulesReviewBuilder()
                                            .withNewStatus()
                                            .addNewResourceRule()
                                            .withApiGroups("coordination.k8s.io")
                                            .withResources("leases")
                                            .withVerbs("create", "get", "update", "patch")
                                            .endResourceRule()
                                            .endStatus()
                                            .build())
                            .always();
                    setUp.accept(server);
                });
    }

    /** A Lease of an hour, last renewed at {@code renewed}. */
    private static Lease lease(String holder, ZonedDateTime renewed) {
        return new LeaseBuilder()
                .withNewMetadata()
                .withName(UserCounterOperator.LEASE_NAME)
                .withNamespace(LEASE_NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(3600)
                .withAcquireTime(renewed)
                .withRenewTime(renewed)
                .withLeaseTransitions(0)
                .endSpec()
                .build();
    }

    private static void createLease(KubernetesMockServer server, Lease lease) {
        try (var client = server.createClient()) {
            client.resource(lease).create();
        }
    }

    static int readyz(UserCounterOperator operator) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.healthPort() + "/readyz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
