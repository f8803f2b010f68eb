package io.usercounter.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServer;
import io.usercounter.operator.config.OperatorConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The real operator against the local stack's API server, which serves any CRD once it is created. */
record LocalStackOperator(LocalApiServer apiServer, KubernetesClient client, UserCounterOperator operator)
        implements AutoCloseable {

    /** Starts the API server, creates the UserCounter CRD and {@code moreCrds}, then starts the operator. */
    static LocalStackOperator start(CustomResourceDefinition... moreCrds) {
        var apiServer = LocalApiServer.start(0);
        var client = apiServer.client();
        try (var crd = new FileInputStream(OperatorOnMockApiServer.CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var crd : moreCrds) {
            client.resource(crd).create();
        }
        var operator = UserCounterOperator.start(OperatorConfig.fromEnvironment(Map.of(
                OperatorConfig.OPERATOR_SERVER_SIDE_APPLY, "false",
                OperatorConfig.OPERATOR_HEALTH_PORT, "0",
                OperatorConfig.COUNTER_APP_IMAGE, OperatorOnMockApiServer.DEFAULT_IMAGE)), client);
        return new LocalStackOperator(apiServer, client, operator);
    }

    TestNamespace namespace(String name) {
        return new TestNamespace(client, name);
    }

    @Override
    public void close() {
        operator.close();
        client.close();
        apiServer.close();
    }
}
