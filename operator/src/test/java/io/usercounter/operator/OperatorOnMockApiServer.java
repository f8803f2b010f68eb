package io.usercounter.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.usercounter.operator.config.OperatorConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real operator, wired as main() wires it, against fabric8's mock API server in CRUD mode with the generated CRD
 * applied; started once per test JVM. The mock cannot do server-side apply, so these tests, and only these, run
 * with OPERATOR_SERVER_SIDE_APPLY=false; production keeps the default (true). Each test gets its own namespace.
 */
public class OperatorOnMockApiServer implements ParameterResolver {

    public static final String DEFAULT_IMAGE = "registry.test/counter-app:1.0";
    static final String CRD = "target/classes/META-INF/fabric8/usercounters.usercounter.io-v1.yml";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        var type = parameter.getParameter().getType();
        return type == TestNamespace.class || type == UserCounterOperator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        var running = extension
                .getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
        return parameter.getParameter().getType() == UserCounterOperator.class
                ? running.operator
                : new TestNamespace(running.client, "test-" + NAMESPACES.incrementAndGet());
    }

    /** Closed by JUnit when the test JVM's root context closes. */
    record Running(KubernetesMockServer server, KubernetesClient client, UserCounterOperator operator)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        /** The operator every test class shares: the operator's defaults but for SSA, health port and image. */
        static Running start() {
            return start(Map.of(), new KubernetesCrudDispatcher(), server -> {});
        }

        /** An operator of its own, with more env, against a CRUD mock that answers {@code expectations} first. */
        static Running start(Map<String, String> env, Consumer<KubernetesMockServer> expectations) {
            Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
            return start(env, responses, new KubernetesMixedDispatcher(responses), expectations);
        }

        /** An operator of its own, against a mock that answers every request through {@code dispatcher}. */
        static Running start(Dispatcher dispatcher) {
            return start(Map.of(), dispatcher, server -> {});
        }

        private static Running start(
                Map<String, String> env, Dispatcher dispatcher, Consumer<KubernetesMockServer> expectations) {
            return start(env, new HashMap<>(), dispatcher, expectations);
        }

        private static Running start(
                Map<String, String> env,
                Map<ServerRequest, Queue<ServerResponse>> responses,
                Dispatcher dispatcher,
                Consumer<KubernetesMockServer> expectations) {
            // plain http: generating the https certificate costs seconds and proves nothing here
            var server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
            server.init();
            expectations.accept(server);
            var client = server.createClient();
            try (var crd = new FileInputStream(CRD)) {
                client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
                        .create();
            } catch (IOException e) {
                throw new UncheckedIOException("run mvn process-classes first: " + CRD, e);
            }
            var environment = new HashMap<>(env);
            environment.put(OperatorConfig.OPERATOR_SERVER_SIDE_APPLY, "false");
            environment.put(OperatorConfig.OPERATOR_HEALTH_PORT, "0");
            environment.putIfAbsent(OperatorConfig.COUNTER_APP_IMAGE, DEFAULT_IMAGE);
            var operator = UserCounterOperator.start(OperatorConfig.fromEnvironment(environment), client);
            return new Running(server, client, operator);
        }

        @Override
        public void close() {
            operator.close();
            client.close();
            server.destroy();
        }
    }
}
