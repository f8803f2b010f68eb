package io.usercounter.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServer;
import io.usercounter.operator.config.OperatorConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real operator against the local stack's API server (CRD defaults and validation, /scale, status
 * subresources), with the committed CRD applied; one per test class that needs what the stock mock lacks
 * ({@link PerClass}), or one per test that needs more CRDs.
 */
record OperatorOnLocalApiServer(LocalApiServer apiServer, KubernetesClient client, UserCounterOperator operator)
        implements AutoCloseable {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    /** Starts the API server, creates the UserCounter CRD and {@code moreCrds}, then starts the operator. */
    static OperatorOnLocalApiServer start(CustomResourceDefinition... moreCrds) {
        var apiServer = LocalApiServer.start(0);
        var client = apiServer.client();
        try (var crd = new FileInputStream(OperatorOnMockApiServer.CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        } catch (IOException e) {
            throw new UncheckedIOException("run mvn process-classes first: " + OperatorOnMockApiServer.CRD, e);
        }
        for (var crd : moreCrds) {
            client.resource(crd).create();
        }
        var operator = UserCounterOperator.start(
                OperatorConfig.fromEnvironment(Map.of(
                        OperatorConfig.OPERATOR_SERVER_SIDE_APPLY, "false",
                        OperatorConfig.OPERATOR_HEALTH_PORT, "0",
                        OperatorConfig.COUNTER_APP_IMAGE, OperatorOnMockApiServer.DEFAULT_IMAGE)),
                client);
        return new OperatorOnLocalApiServer(apiServer, client, operator);
    }

    /** A namespace of its own for each test. */
    TestNamespace namespace(String prefix) {
        return new TestNamespace(client, prefix + "-" + NAMESPACES.incrementAndGet());
    }

    @Override
    public void close() {
        operator.close();
        client.close();
        apiServer.close();
    }

    /** Registered with {@code @RegisterExtension}: one operator for all the tests of a class. */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private OperatorOnLocalApiServer stack;

        @Override
        public void beforeAll(ExtensionContext context) {
            stack = start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (stack != null) {
                stack.close();
            }
        }

        TestNamespace namespace(String prefix) {
            return stack.namespace(prefix);
        }

        KubernetesClient client() {
            return stack.client();
        }

        UserCounterOperator operator() {
            return stack.operator();
        }

        LocalApiServer apiServer() {
            return stack.apiServer();
        }
    }
}
