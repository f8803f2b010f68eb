package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The Deployment status a kube-controller-manager would report for the supervisor's pods. */
final class DeploymentStatusReport {

    private DeploymentStatusReport() {}

    static DeploymentStatus of(
            Long generation,
            int desired,
            String currentHash,
            List<RolloutPlan.Pod> pods,
            DeploymentStatus previous,
            Instant now) {
        int ready = (int) pods.stream().filter(RolloutPlan.Pod::ready).count();
        int updated = (int)
                pods.stream().filter(p -> p.templateHash().equals(currentHash)).count();
        boolean complete = updated == desired && pods.size() == desired && ready == desired;
        DeploymentCondition available = condition(
                previous,
                "Available",
                ready >= desired,
                ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                ready >= desired
                        ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.",
                now);
        DeploymentCondition progressing = condition(
                previous,
                "Progressing",
                true,
                complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? "ReplicaSet has successfully progressed." : "ReplicaSet is progressing.",
                now);
        return new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(pods.size())
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready))
                .withConditions(available, progressing)
                .build();
    }

    /** True when the two differ in anything but timestamps, so an unchanged status is never rewritten. */
    static boolean differs(DeploymentStatus a, DeploymentStatus b) {
        return !Objects.equals(withoutTimes(a), withoutTimes(b));
    }

    private static DeploymentCondition condition(
            DeploymentStatus previous, String type, boolean status, String reason, String message, Instant now) {
        String value = status ? "True" : "False";
        String transition = previous == null || previous.getConditions() == null
                ? null
                : previous.getConditions().stream()
                        .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                        .map(DeploymentCondition::getLastTransitionTime)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(transition == null ? now.toString() : transition)
                .withLastUpdateTime(now.toString())
                .build();
    }

    private static DeploymentStatus withoutTimes(DeploymentStatus status) {
        if (status == null) {
            return null;
        }
        DeploymentStatus copy = new DeploymentStatusBuilder(status).build();
        if (copy.getConditions() != null) {
            copy.setConditions(copy.getConditions().stream()
                    .map(c -> new DeploymentConditionBuilder(c)
                            .withLastTransitionTime(null)
                            .withLastUpdateTime(null)
                            .build())
                    .toList());
        }
        if (copy.getConditions() != null && copy.getConditions().isEmpty()) {
            copy.setConditions(null);
        }
        return copy;
    }
}
