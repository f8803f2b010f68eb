package io.usercounter.localstack.apiserver;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One local API server per test class, on a free port, with a client and kubectl-shaped raw requests to it. */
public final class LocalApiServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Clock clock;
    private final boolean userCounterCrd;
    private LocalApiServer server;
    private KubernetesClient client;
    private RawRequests raw;

    private LocalApiServerExtension(Clock clock, boolean userCounterCrd) {
        this.clock = clock;
        this.userCounterCrd = userCounterCrd;
    }

    /** A server that knows only the built-in kinds. */
    public static LocalApiServerExtension builtInKinds() {
        return new LocalApiServerExtension(Clock.systemUTC(), false);
    }

    /** A server with the test copy of the UserCounter CRD created before the first test. */
    public static LocalApiServerExtension withUserCounterCrd() {
        return new LocalApiServerExtension(Clock.systemUTC(), true);
    }

    /** The same server, but its clock (creation timestamps, ages) is the given one. */
    public LocalApiServerExtension withClock(Clock serverClock) {
        return new LocalApiServerExtension(serverClock, userCounterCrd);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalApiServer.start(0, clock);
        client = server.client();
        raw = new RawRequests(server);
        if (userCounterCrd) {
            client.resource(TestResources.userCounterCrd()).create();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    public KubernetesClient client() {
        return client;
    }

    public RawRequests raw() {
        return raw;
    }
}
