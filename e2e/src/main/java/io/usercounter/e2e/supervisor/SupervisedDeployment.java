package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pods of one Deployment: keeps their number and template in line with its spec and reports its status. */
final class SupervisedDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedDeployment.class);

    private final String namespace;
    private final String name;
    private final List<Replica> pods = new CopyOnWriteArrayList<>();
    private int podSequence;

    SupervisedDeployment(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /** One controller pass: roll, scale, sync each pod, then publish the status if it changed. */
    void reconcile(Deployment deployment, ReplicaLauncher launcher, KubernetesClient client) {
        int desired = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        String hash = TemplateHash.of(deployment.getSpec().getTemplate());
        RolloutPlan plan = RolloutPlan.next(
                desired, hash, views(), RolloutStrategy.of(deployment.getSpec().getStrategy(), desired));
        for (String podName : plan.podsToStop()) {
            pods.stream().filter(p -> p.name().equals(podName)).findFirst().ifPresent(pod -> {
                pods.remove(pod);
                pod.stop();
            });
        }
        for (int i = 0; i < plan.podsToStart(); i++) {
            String podName = name + "-" + hash + "-" + (++podSequence);
            pods.add(new Replica(namespace, podName, hash, deployment.getSpec().getTemplate()));
        }
        pods.forEach(pod -> pod.sync(launcher));
        publishStatus(deployment, desired, hash, client);
    }

    private void publishStatus(Deployment deployment, int desired, String hash, KubernetesClient client) {
        DeploymentStatus previous = deployment.getStatus();
        DeploymentStatus status = DeploymentStatusReport.of(
                deployment.getMetadata().getGeneration(), desired, hash, views(), previous, Instant.now());
        if (!DeploymentStatusReport.differs(previous, status)) {
            return;
        }
        try {
            // a patch of the live object, never a PUT: a PUT racing the Deployment's deletion would recreate it
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .editStatus(live ->
                            new DeploymentBuilder(live).withStatus(status).build());
        } catch (KubernetesClientException e) {
            // deleted or rewritten meanwhile; the next pass works from the informer's newer copy
            LOG.debug("status of {}/{} not written: {}", namespace, name, e.getMessage());
        }
    }

    private List<RolloutPlan.Pod> views() {
        List<RolloutPlan.Pod> views = new ArrayList<>();
        pods.forEach(p -> views.add(new RolloutPlan.Pod(p.name(), p.templateHash(), p.isReady())));
        return views;
    }

    String namespace() {
        return namespace;
    }

    List<Replica> pods() {
        return List.copyOf(pods);
    }

    /** Stops every pod, as deleting the Deployment does. */
    CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> stopping =
                pods.stream().map(Replica::stop).toList();
        pods.clear();
        return CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new));
    }
}
