package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test double for a kubelet (plus the Deployment controller and kube-proxy), for the local stack only:
 * it watches Deployments and runs each replica as a local counter-app process, reports their readiness in
 * the Deployment's status, and maps each Service to a loopback port. It never creates Pod objects.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final long SYNC_PERIOD_MILLIS = 500;

    private final KubernetesClient client;
    private final ReplicaLauncher launcher;
    private final Map<String, SupervisedDeployment> deployments = new ConcurrentHashMap<>();
    private final ServiceProxies services;
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "supervisor"));
    private SharedIndexInformer<Deployment> deploymentInformer;
    private SharedIndexInformer<Service> serviceInformer;

    public Supervisor(KubernetesClient client, SupervisorSettings settings) {
        this.client = client;
        this.launcher = new ReplicaLauncher(
                new ContainerEnvironment(client),
                AppCommand.forJar(settings.appJar()),
                settings.stack(),
                settings.containers());
        this.services = new ServiceProxies(settings.stack(), this::readyPorts);
    }

    /** Returns once both informers have synced, so the first pass already sees every existing object. */
    public void start() {
        deploymentInformer = client.apps().deployments().inAnyNamespace().inform();
        serviceInformer = client.services().inAnyNamespace().inform();
        loop.scheduleWithFixedDelay(this::syncSafely, 0, SYNC_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void syncSafely() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.error("supervisor pass failed; retrying", e);
        }
    }

    private void sync() {
        Map<String, Deployment> seen = new HashMap<>();
        deploymentInformer.getStore().list().stream()
                .filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                .forEach(d -> seen.put(
                        d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(), d));
        seen.forEach((key, deployment) -> deployments
                .computeIfAbsent(
                        key,
                        k -> new SupervisedDeployment(
                                deployment.getMetadata().getNamespace(),
                                deployment.getMetadata().getName()))
                .reconcile(deployment, launcher, client));
        Set<String> gone = deployments.keySet().stream()
                .filter(key -> !seen.containsKey(key))
                .collect(Collectors.toSet());
        gone.forEach(key -> {
            LOG.info("deployment {} is gone; stopping its pods", key);
            deployments.remove(key).stopAll();
        });
        services.sync(serviceInformer.getStore().list());
    }

    List<Integer> readyPorts(String namespace, Map<String, String> selector) {
        return deployments.values().stream()
                .filter(d -> d.namespace().equals(namespace))
                .flatMap(d -> d.pods().stream())
                .filter(pod -> pod.labels().entrySet().containsAll(selector.entrySet()))
                .flatMap(pod -> pod.readyPort().stream())
                .toList();
    }

    /** Stops every replica and waits for them, so no app process outlives the supervisor. */
    @Override
    public void close() {
        loop.shutdown();
        try {
            loop.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deploymentInformer != null) {
            deploymentInformer.close();
            serviceInformer.close();
        }
        services.close();
        CompletableFuture.allOf(deployments.values().stream()
                        .map(SupervisedDeployment::stopAll)
                        .toArray(CompletableFuture[]::new))
                .join();
        deployments.clear();
    }
}
