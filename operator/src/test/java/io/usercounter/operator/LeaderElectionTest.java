package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.usercounter.operator.config.OperatorConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OPERATOR_LEADER_ELECTION_NAMESPACE: the operator reconciles only once it holds the Lease there. */
class LeaderElectionTest {

    static OperatorOnMockApiServer.Running running;

    @BeforeAll
    static void startOperatorWithLeaderElection() {
        running = OperatorOnMockApiServer.Running.start(
                Map.of(OperatorConfig.OPERATOR_LEADER_ELECTION_NAMESPACE, "usercounter-system"),
                // JOSDK asks whether it may use the Lease; the CRUD mock has no authorizer to answer
                server -> server.expect()
                        .post()
                        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                        .andReturn(
                                201,
                                new SelfSubjectRulesReviewBuilder()
                                        .withNewStatus()
                                        .addNewResourceRule()
                                        .withApiGroups("coordination.k8s.io")
                                        .withResources("leases")
                                        .withVerbs("create", "get", "update")
                                        .endResourceRule()
                                        .endStatus()
                                        .build())
                        .always());
    }

    @AfterAll
    static void stopOperator() {
        running.close();
    }

    @Test
    void holdsTheLeaseInTheConfiguredNamespaceAndReconciles() {
        var ns = new TestNamespace(running.client(), "leader");
        ns.applyWithSecrets(userCounter("leader", "demo"), "s3cret", "redis-pw");

        var lease = await().until(
                        () -> running.client()
                                .resources(Lease.class)
                                .inNamespace("usercounter-system")
                                .withName("usercounter-operator")
                                .get(),
                        found -> found != null);

        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
        ns.awaitObject(Deployment.class, "demo");
        await().until(() -> LeaderReadinessTest.readyz(running.operator()) == 200);
    }
}
