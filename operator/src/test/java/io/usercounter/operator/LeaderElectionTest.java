package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.usercounter.operator.config.OperatorConfig;
import java.io.FileInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OPERATOR_LEADER_ELECTION_NAMESPACE: the operator reconciles only once it holds the Lease there. */
class LeaderElectionTest {

    static KubernetesMockServer server;
    static KubernetesClient client;
    static UserCounterOperator operator;

    @BeforeAll
    static void startOperatorWithLeaderElection() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), true);
        server.init();
        // JOSDK asks the API server whether it may use the Lease; the CRUD mock has no authorizer to answer
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                        .withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("create", "get", "update").endResourceRule().endStatus().build())
                .always();
        client = server.createClient();
        try (var crd = new FileInputStream(OperatorOnMockApiServer.CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
        }
        operator = UserCounterOperator.start(OperatorConfig.fromEnvironment(Map.of(
                OperatorConfig.OPERATOR_SERVER_SIDE_APPLY, "false",
                OperatorConfig.OPERATOR_HEALTH_PORT, "0",
                OperatorConfig.OPERATOR_LEADER_ELECTION_NAMESPACE, "usercounter-system")), client);
    }

    @AfterAll
    static void stopOperator() {
        operator.close();
        client.close();
        server.destroy();
    }

    @Test
    void holdsTheLeaseInTheConfiguredNamespaceAndReconciles() {
        var ns = new TestNamespace(client, "leader");
        ns.applyWithSecrets(userCounter("leader", "demo"), "s3cret", "redis-pw");

        var lease = await().until(() -> client.resources(Lease.class).inNamespace("usercounter-system")
                .withName("usercounter-operator").get(), found -> found != null);

        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
        ns.awaitObject(Deployment.class, "demo");
    }
}
