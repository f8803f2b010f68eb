package io.usercounter.e2e.stack;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.usercounter.e2e.supervisor.FreePort;
import io.usercounter.e2e.supervisor.SupervisorMain;
import io.usercounter.e2e.supervisor.SupervisorSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack (docs/architecture.md): the mock API server, the CRD applied to it, the real operator with server-side
 * apply off, and the supervisor running the real counter app. Used by scripts/local-stack.sh and by the suite.
 */
public final class LocalStack {

    static final String API_SERVER = "apiserver";
    static final String OPERATOR = "operator";
    static final String SUPERVISOR = "supervisor";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final Path repository;
    private final StackDirectory stack;
    private final StackJars jars;
    private final boolean detached;
    private final boolean containerReplicas;
    private final PrintStream out;
    private volatile int operatorHealthPort;

    /** Replicas run as containers when this launcher's environment has SUPERVISOR_CONTAINERS=podman. */
    public LocalStack(Path repository, StackDirectory stack, boolean detached, PrintStream out) {
        this(repository, stack, detached, "podman".equals(System.getenv(SupervisorSettings.CONTAINERS)), out);
    }

    /** containerReplicas: the supervisor runs each replica's image in podman (`make images` first) instead of the jar. */
    public LocalStack(
            Path repository, StackDirectory stack, boolean detached, boolean containerReplicas, PrintStream out) {
        this.repository = repository.toAbsolutePath().normalize();
        this.stack = stack;
        this.jars = StackJars.in(this.repository);
        this.detached = detached;
        this.containerReplicas = containerReplicas;
        this.out = out;
    }

    public StackDirectory directory() {
        return stack;
    }

    /** The operator's Prometheus endpoint, once {@link #up} has started it in this process. */
    public URI operatorMetrics() {
        if (operatorHealthPort == 0) {
            throw new IllegalStateException("the operator was not started by this process");
        }
        return URI.create("http://127.0.0.1:" + operatorHealthPort + "/metrics");
    }

    /**
     * Starts every component; a stack that is already running is stopped first, so it runs the jars just built.
     * When a component fails to start, the ones already started are stopped again.
     */
    public void up() {
        jars.requireBuilt();
        if (components().stream().anyMatch(c -> c.running().isPresent())) {
            out.println("local-stack: restarting the running stack");
            down();
        }
        try {
            startComponents();
        } catch (RuntimeException e) {
            down();
            throw e;
        }
    }

    private void startComponents() {
        String java = ProcessHandle.current().info().command().orElse("java");
        BackgroundProcess apiServer = BackgroundProcess.start(
                API_SERVER,
                List.of(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jars.apiServer().toString(),
                        "--port",
                        "0",
                        "--kubeconfig",
                        stack.kubeconfig().toString()),
                Map.of(),
                stack,
                detached);
        String listening =
                apiServer.awaitLogLine(line -> line.startsWith("local-apiserver listening on "), START_TIMEOUT);
        out.println("local-stack: api server " + listening.substring("local-apiserver listening on ".length()));

        try (KubernetesClient client = client()) {
            new ManifestApplier(client).applyAll(crdFiles());
        }
        out.println("local-stack: CRDs from crds/ applied");

        int healthPort = FreePort.pick();
        BackgroundProcess operator = BackgroundProcess.start(
                OPERATOR,
                List.of(java, "-Xmx256m", "-jar", jars.operator().toString()),
                Map.of(
                        "KUBECONFIG",
                        stack.kubeconfig().toString(),
                        // the mock API server has no server-side apply (operator/README.md, Configuration)
                        "OPERATOR_SERVER_SIDE_APPLY",
                        "false",
                        "OPERATOR_HEALTH_PORT",
                        Integer.toString(healthPort)),
                stack,
                detached);
        operator.awaitHttpOk(URI.create("http://127.0.0.1:" + healthPort + "/readyz"), START_TIMEOUT);
        out.println("local-stack: operator ready (health on 127.0.0.1:" + healthPort + ")");
        operatorHealthPort = healthPort;

        BackgroundProcess supervisor = BackgroundProcess.start(
                SUPERVISOR,
                List.of(
                        java,
                        "-Xmx192m",
                        "-cp",
                        jars.e2e().toString(),
                        SupervisorMain.class.getName(),
                        jars.counterApp().toString(),
                        stack.root().toString()),
                containerReplicas
                        ? Map.of("KUBECONFIG", stack.kubeconfig().toString(), SupervisorSettings.CONTAINERS, "podman")
                        : Map.of("KUBECONFIG", stack.kubeconfig().toString()),
                stack,
                detached);
        supervisor.awaitLogLine(line -> line.startsWith("supervisor ready"), START_TIMEOUT);
        out.println("local-stack: supervisor ready (logs in " + stack.logs() + ")");
    }

    /** Stops what up started, supervisor first so that it stops its app processes, and nothing else. */
    public void down() {
        List<BackgroundProcess> lastStartedFirst = new ArrayList<>(components());
        Collections.reverse(lastStartedFirst);
        for (BackgroundProcess component : lastStartedFirst) {
            component
                    .running()
                    .ifPresent(
                            p -> out.println("local-stack: stopping " + component.name() + " (pid " + p.pid() + ")"));
            component.stop(GRACE);
        }
        stopOrphanedReplicas();
        forgetServicePorts();
    }

    /** Port files a killed supervisor could not remove would otherwise point the next reader at nothing. */
    private void forgetServicePorts() {
        try (Stream<Path> ports = Files.list(stack.services())) {
            for (Path port : ports.toList()) {
                Files.deleteIfExists(port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + stack.services(), e);
        }
    }

    /** One line per component, running with its pid or stopped, then one per Service the supervisor mapped. */
    public List<String> status() {
        List<String> lines = new ArrayList<>(components().stream()
                .map(c -> c.name() + ": "
                        + c.running().map(p -> "running (pid " + p.pid() + ")").orElse("stopped"))
                .toList());
        try (Stream<Path> ports = Files.list(stack.services())) {
            for (Path port :
                    ports.filter(p -> p.toString().endsWith(".port")).sorted().toList()) {
                String service = port.getFileName()
                        .toString()
                        .replaceFirst("\\.port$", "")
                        .replaceFirst("\\.", "/");
                lines.add("service " + service + ": http://127.0.0.1:"
                        + Files.readString(port).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stack.services(), e);
        }
        return lines;
    }

    public KubernetesClient client() {
        try {
            return new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(stack.kubeconfig())))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("no kubeconfig at " + stack.kubeconfig() + "; is the stack up?", e);
        }
    }

    private List<BackgroundProcess> components() {
        return List.of(
                BackgroundProcess.of(API_SERVER, jars.apiServer().toString(), stack),
                BackgroundProcess.of(OPERATOR, jars.operator().toString(), stack),
                BackgroundProcess.of(SUPERVISOR, SupervisorMain.class.getName(), stack));
    }

    /** App processes whose supervisor was killed outright; only those still running the counter-app jar. */
    private void stopOrphanedReplicas() {
        try (Stream<Path> pidFiles = Files.list(stack.replicas())) {
            for (Path pidFile : pidFiles.toList()) {
                String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
                BackgroundProcess replica = new BackgroundProcess(
                        name, pidFile, stack.log(name), jars.counterApp().toString());
                replica.running()
                        .ifPresent(p -> out.println(
                                "local-stack: stopping orphaned replica " + name + " (pid " + p.pid() + ")"));
                replica.stop(GRACE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stack.replicas(), e);
        }
    }

    private List<Path> crdFiles() {
        try (Stream<Path> files = Files.list(repository.resolve("crds"))) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no crds/ directory in " + repository, e);
        }
    }
}
