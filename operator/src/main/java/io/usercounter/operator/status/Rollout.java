package io.usercounter.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How far the Deployment of a UserCounter is from running {@code replicas} pods of its current template, judged as
 * {@code kubectl rollout status} judges it. A real API server omits status fields whose value is zero, so an absent
 * count is 0, never "nothing to wait for".
 */
record Rollout(String name, Optional<Deployment> deployment, int replicas) {

    /** The pods of the Deployment that exist, ready or not: what the scale subresource reports as status.replicas. */
    int existingReplicas() {
        return count(DeploymentStatus::getReplicas);
    }

    int readyReplicas() {
        return count(DeploymentStatus::getReadyReplicas);
    }

    /**
     * The controller has seen the latest generation, every desired replica runs the new template, no old replica is
     * left and every updated replica is available; a Deployment past its progress deadline is not complete.
     */
    boolean complete() {
        if (deployment.isEmpty() || deadlineExceeded().isPresent() || !generationObserved()) {
            return false;
        }
        int updated = count(DeploymentStatus::getUpdatedReplicas);
        return updated == replicas
                && existingReplicas() == updated
                && count(DeploymentStatus::getAvailableReplicas) >= updated;
    }

    String summary() {
        return readyReplicas() + "/" + replicas + " replicas ready";
    }

    /** The message of the Deployment's Progressing condition with reason ProgressDeadlineExceeded, if it has one. */
    Optional<String> deadlineExceeded() {
        return status().flatMap(status -> Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()))
                .map(DeploymentCondition::getMessage)
                .filter(Objects::nonNull)
                .findFirst());
    }

    private boolean generationObserved() {
        long generation = deployment.map(d -> d.getMetadata().getGeneration()).orElse(0L);
        long observed = status().map(DeploymentStatus::getObservedGeneration).orElse(0L);
        return observed >= generation;
    }

    private int count(Function<DeploymentStatus, Integer> field) {
        return status().map(field).orElse(0);
    }

    private Optional<DeploymentStatus> status() {
        return deployment.map(Deployment::getStatus);
    }
}
