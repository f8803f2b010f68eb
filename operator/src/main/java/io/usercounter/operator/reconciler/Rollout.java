package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How far the Deployment of a UserCounter is from running every replica of its current template. */
record Rollout(String name, Optional<Deployment> deployment, int replicas, int readyReplicas) {

    /** Every replica ready, and the Deployment controller has seen the latest template. */
    boolean complete() {
        return deployment.isPresent() && readyReplicas >= replicas && templateObserved() && allUpdated();
    }

    String summary() {
        return readyReplicas + "/" + replicas + " replicas ready";
    }

    /** The message of the Deployment's Progressing=False/ProgressDeadlineExceeded condition, if it has one. */
    Optional<String> deadlineExceeded() {
        return deployment.map(Deployment::getStatus)
                .flatMap(status -> Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                        .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                                && "ProgressDeadlineExceeded".equals(c.getReason()))
                        .map(DeploymentCondition::getMessage)
                        .filter(Objects::nonNull)
                        .findFirst());
    }

    private boolean templateObserved() {
        var observed = deployment.map(Deployment::getStatus).map(s -> s.getObservedGeneration());
        var generation = deployment.map(d -> d.getMetadata().getGeneration());
        return observed.isEmpty() || generation.isEmpty() || observed.get() >= generation.get();
    }

    private boolean allUpdated() {
        return deployment.map(Deployment::getStatus).map(s -> s.getUpdatedReplicas())
                .map(updated -> updated >= replicas).orElse(true);
    }
}
