package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod of a Deployment: a container process that is restarted with back-off when it exits, and whose
 * readiness and liveness come from the template's httpGet probes.
 */
final class Replica {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final String namespace;
    private final String name;
    private final String templateHash;
    private final PodSpec pod;
    private final Container container;
    private final Map<String, String> labels;
    private final Optional<HttpProbe> readiness;
    private final Optional<HttpProbe> liveness;
    private final int livenessThreshold;

    private volatile AppProcess process;
    private int restarts;
    private Instant nextStart = Instant.EPOCH;
    private volatile boolean ready;
    private boolean wasReady;
    private int livenessFailures;

    Replica(String namespace, String name, String templateHash, PodTemplateSpec template) {
        this.namespace = namespace;
        this.name = name;
        this.templateHash = templateHash;
        this.pod = template.getSpec();
        this.container = pod.getContainers().get(0);
        this.labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of()
                : Map.copyOf(template.getMetadata().getLabels());
        this.readiness = HttpProbe.of(container.getReadinessProbe());
        this.liveness = HttpProbe.of(container.getLivenessProbe());
        Integer threshold = container.getLivenessProbe() == null
                ? null
                : container.getLivenessProbe().getFailureThreshold();
        this.livenessThreshold = threshold == null ? 3 : threshold;
    }

    /** One kubelet sync: start or restart the container when due, then probe it. */
    void sync(ReplicaLauncher launcher) {
        if (process != null && !process.isAlive()) {
            LOG.warn(
                    "{}/{} exited with code {}; restart {} after back-off",
                    namespace,
                    name,
                    process.exitCode(),
                    restarts + 1);
            process.forgetPid();
            scheduleRestart();
        }
        if (process == null && !Instant.now().isBefore(nextStart)) {
            start(launcher);
        }
        if (process != null) {
            probe();
        }
    }

    private void start(ReplicaLauncher launcher) {
        try {
            process = launcher.launch(namespace, name, pod, container);
            LOG.info("{}/{} started: pid {} on 127.0.0.1:{}", namespace, name, process.pid(), process.port());
        } catch (UnresolvableEnvironment e) {
            LOG.warn("{}/{} cannot start (CreateContainerConfigError): {}", namespace, name, e.getMessage());
            scheduleRestart();
        } catch (IOException e) {
            LOG.error("{}/{} cannot start: {}", namespace, name, e.toString());
            scheduleRestart();
        }
    }

    private void probe() {
        ready = readiness.map(p -> p.passes(process.port())).orElse(true);
        if (ready && !wasReady) {
            LOG.info("{}/{} is ready", namespace, name);
            restarts = 0;
        }
        wasReady |= ready;
        // liveness is judged only after the first ready, standing in for a startup probe on this slow machine
        if (wasReady && liveness.isPresent()) {
            livenessFailures = liveness.get().passes(process.port()) ? 0 : livenessFailures + 1;
            if (livenessFailures >= livenessThreshold) {
                LOG.warn("{}/{} failed its liveness probe {} times; killing it", namespace, name, livenessFailures);
                process.stop(GRACE);
                scheduleRestart();
            }
        }
    }

    private void scheduleRestart() {
        process = null;
        ready = false;
        wasReady = false;
        livenessFailures = 0;
        long backoffMillis = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(restarts, 4));
        nextStart = Instant.now().plusMillis(backoffMillis);
        restarts++;
    }

    /** Takes the replica out of its Services at once; the process gets its grace period in the background. */
    CompletableFuture<Void> stop() {
        AppProcess stopping = process;
        process = null;
        ready = false;
        if (stopping == null) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.info("{}/{} stopping pid {}", namespace, name, stopping.pid());
        return CompletableFuture.runAsync(() -> stopping.stop(GRACE));
    }

    String name() {
        return name;
    }

    String templateHash() {
        return templateHash;
    }

    Map<String, String> labels() {
        return labels;
    }

    boolean isReady() {
        return ready;
    }

    /** The port of a ready replica, for the Service proxies. */
    Optional<Integer> readyPort() {
        AppProcess current = process;
        return ready && current != null ? Optional.of(current.port()) : Optional.empty();
    }
}
