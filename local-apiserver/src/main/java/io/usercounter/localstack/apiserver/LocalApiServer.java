package io.usercounter.localstack.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.usercounter.localstack.apiserver.crd.CustomResourceAdmission;
import io.usercounter.localstack.apiserver.http.ApiServerDispatcher;
import io.usercounter.localstack.apiserver.json.KubernetesJson;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;

/** fabric8's mock server in CRUD mode, on plain http on the loopback, behind the gap-closing dispatcher. */
public final class LocalApiServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalApiServer.class.getName());
    /** fabric8's MockWebServer.shutdown() message when Vert.x has not closed within its wait */
    private static final String UNABLE_TO_CLOSE = "Unable to close MockWebServer";

    private final KubernetesMockServer server;

    private LocalApiServer(KubernetesMockServer server) {
        this.server = server;
    }

    public static LocalApiServer start(int port) {
        return start(port, Clock.systemUTC());
    }

    public static LocalApiServer start(int port, Clock clock) {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(KubernetesJson.MAPPER),
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
        try {
            server.shutdown();
        } catch (IllegalStateException e) {
            if (!UNABLE_TO_CLOSE.equals(e.getMessage())) {
                throw e;
            }
            // fabric8 gives Vert.x 10 s to drop the last connections, which a loaded machine exceeded twice in CI;
            // the server already refuses new ones, and no later start reuses its port (each takes a free one)
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the local API server on port {0} was still closing after 10 s",
                    port());
        }
    }
}
