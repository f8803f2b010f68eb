package io.usercounter.localstack.apiserver;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the local API server, writes its kubeconfig, prints where it listens and runs until SIGTERM. */
public final class LocalApiServerMain {

    // held in a field: java.util.logging forgets the level of a logger nobody references
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private LocalApiServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-apiserver: " + e.getMessage());
            System.exit(2);
            return;
        }
        // the mock web server logs every request at INFO through java.util.logging
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);

        LocalApiServer server = LocalApiServer.start(options.port());
        Kubeconfig.write(server.url(), options.kubeconfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "local-apiserver-shutdown"));
        System.out.println("local-apiserver listening on " + server.url());
        System.out.flush();
        stopped.await();
    }
}
