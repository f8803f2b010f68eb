package io.usercounter.e2e.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.e2e.client.CounterServiceClient;
import io.usercounter.e2e.client.UserCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The second half of `make demo`: apply the example, wait until it is Ready, use it once, say where it is. */
public final class DemoFlow {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final String DEMO_USER = "demo-user";

    private final LocalStack stack;
    private final PrintStream out;

    public DemoFlow(LocalStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    public void run(Path manifest) {
        try (KubernetesClient client = stack.client()) {
            List<HasMetadata> applied = new ManifestApplier(client).apply(manifest);
            out.println("demo: applied "
                    + applied.stream()
                            .map(o -> o.getKind() + " " + o.getMetadata().getName())
                            .toList() + " from " + manifest);
            HasMetadata userCounter = applied.stream()
                    .filter(o -> UserCounters.KIND.equals(o.getKind()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(manifest + " holds no " + UserCounters.KIND));
            String namespace = userCounter.getMetadata().getNamespace() == null
                    ? client.getNamespace()
                    : userCounter.getMetadata().getNamespace();
            String name = userCounter.getMetadata().getName();
            out.println("demo: waiting for UserCounter " + namespace + "/" + name
                    + " to be Ready (two counter-app processes start)");
            var ready = UserCounters.awaitReady(client, namespace, name, READY_TIMEOUT);
            var status = UserCounters.status(ready);
            out.println("demo: Ready, " + status.get("readyReplicas") + "/" + status.get("replicas") + " replicas, "
                    + status.get("consistency") + " every " + status.get("syncInterval"));

            int port = servicePort(namespace, name);
            CounterServiceClient service =
                    new CounterServiceClient(URI.create("http://127.0.0.1:" + port + "/"), Optional.empty());
            long userId = service.createOrFindUser(DEMO_USER);
            long counter = service.increment(userId, 1, Optional.empty())
                    .expect(200)
                    .data()
                    .path("counter")
                    .asLong();
            out.println("demo: user " + DEMO_USER + " (id " + userId + ") incremented, counter is now " + counter);
            out.println("demo is ready at http://127.0.0.1:" + port);
            out.println("kubeconfig: " + displayed(stack.directory().kubeconfig()));
        }
    }

    private int servicePort(String namespace, String name) {
        Path file = stack.directory().servicePort(namespace, name);
        Instant deadline = Instant.now().plusSeconds(30);
        try {
            while (!Files.exists(file)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Service " + namespace + "/" + name + " was never mapped; see "
                            + stack.directory().log(LocalStack.SUPERVISOR));
                }
                Thread.sleep(200);
            }
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Relative to the working directory when inside it, as the user typed `make demo` there. */
    private static String displayed(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
