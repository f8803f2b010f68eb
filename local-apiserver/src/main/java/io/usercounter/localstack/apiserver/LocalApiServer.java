package io.usercounter.localstack.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.usercounter.localstack.apiserver.crd.CustomResourceAdmission;
import io.usercounter.localstack.apiserver.http.ApiServerDispatcher;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;

/** fabric8's mock server in CRUD mode, on plain http on the loopback, behind the gap-closing dispatcher. */
public final class LocalApiServer implements AutoCloseable {

    private final KubernetesMockServer server;

    private LocalApiServer(KubernetesMockServer server) {
        this.server = server;
    }

    public static LocalApiServer start(int port) {
        return start(port, Clock.systemUTC());
    }

    public static LocalApiServer start(int port, Clock clock) {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()),
                new MockWebServer(),
                new HashMap<>(),
                new ApiServerDispatcher(clock),
                false);
        server.start(InetAddress.getLoopbackAddress(), port);
        Thread warmUp = new Thread(CustomResourceAdmission::warmUp, "cel-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return new LocalApiServer(server);
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A client for tests and tools in the same JVM; the same settings the kubeconfig describes. */
    public KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
