package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.Condition;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The one place that turns what the operator observed into a UserCounter's status. */
public class UserCounterStatusAggregator {

    private final Clock clock;

    public UserCounterStatusAggregator(Clock clock) {
        this.clock = clock;
    }

    public UserCounterStatus aggregate(UserCounter userCounter, Optional<Deployment> deployment,
            Optional<ReconcileProblem> problem) {
        var spec = userCounter.getSpec();
        int replicas = spec.getReplicas() != null ? spec.getReplicas() : 1;
        var rollout = new Rollout(userCounter.getMetadata().getName(), deployment, replicas);
        int readyReplicas = rollout.readyReplicas();

        var status = new UserCounterStatus();
        status.setObservedGeneration(userCounter.getMetadata().getGeneration());
        status.setReplicas(replicas);
        status.setReadyReplicas(readyReplicas);
        status.setReady(readyReplicas + "/" + replicas);
        status.setConsistency(spec.getConsistency() != null ? spec.getConsistency().name() : null);
        status.setSyncInterval(spec.getSyncInterval());
        status.setUrl(url(userCounter));
        status.setConditions(List.of(
                keepingTransitionTime(userCounter, ready(rollout, problem)),
                keepingTransitionTime(userCounter, progressing(rollout, problem)),
                keepingTransitionTime(userCounter, degraded(rollout, problem))));
        return status;
    }

    private static Condition ready(Rollout rollout, Optional<ReconcileProblem> problem) {
        if (problem.isPresent()) {
            return condition(Condition.READY, false, problem.get().reason(), problem.get().message());
        }
        if (rollout.deployment().isEmpty()) {
            return condition(Condition.READY, false, "DeploymentNotFound", "Deployment " + rollout.name() + " does not exist yet");
        }
        return rollout.complete()
                ? condition(Condition.READY, true, "AllReplicasReady", rollout.summary())
                : condition(Condition.READY, false, "ReplicasNotReady", rollout.summary());
    }

    private static Condition progressing(Rollout rollout, Optional<ReconcileProblem> problem) {
        if (problem.isPresent()) {
            return condition(Condition.PROGRESSING, false, problem.get().reason(), problem.get().message());
        }
        return rollout.complete()
                ? condition(Condition.PROGRESSING, false, "RolloutComplete", rollout.summary())
                : condition(Condition.PROGRESSING, true, "RollingOut", rollout.summary());
    }

    private static Condition degraded(Rollout rollout, Optional<ReconcileProblem> problem) {
        if (problem.isPresent()) {
            return condition(Condition.DEGRADED, true, problem.get().reason(), problem.get().message());
        }
        return rollout.deadlineExceeded()
                .map(message -> condition(Condition.DEGRADED, true, "ProgressDeadlineExceeded", message))
                .orElseGet(() -> condition(Condition.DEGRADED, false, "AsExpected", "No problem observed"));
    }

    static String url(UserCounter userCounter) {
        IngressSpec ingress = userCounter.getSpec().getIngress();
        if (userCounter.getSpec().ingressEnabled()) {
            String scheme = ingress.getTlsSecretName() != null ? "https" : "http";
            String path = ingress.getPath() != null ? ingress.getPath() : "/";
            return scheme + "://" + ingress.getHost() + path;
        }
        return "http://" + userCounter.getMetadata().getName() + "." + userCounter.getMetadata().getNamespace()
                + ".svc/";
    }

    private static Condition condition(String type, boolean status, String reason, String message) {
        return new Condition(type, status, reason, message, null, null);
    }

    /** Conventions: observedGeneration on every condition; lastTransitionTime moves only when status does. */
    private Condition keepingTransitionTime(UserCounter userCounter, Condition condition) {
        condition.setObservedGeneration(userCounter.getMetadata().getGeneration());
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        condition.setLastTransitionTime(Optional.ofNullable(userCounter.getStatus())
                .flatMap(previous -> previous.condition(condition.getType()))
                .filter(previous -> condition.getStatus().equals(previous.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now));
        return condition;
    }
}
