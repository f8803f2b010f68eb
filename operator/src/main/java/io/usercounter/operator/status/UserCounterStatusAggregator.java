package io.usercounter.operator.status;

import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.DEGRADED;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.MONITORED;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.PROGRESSING;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import io.usercounter.operator.dependent.ManagedMetadata;
import io.usercounter.operator.dependent.PodMonitorCrdPresent;
import io.usercounter.operator.dependent.PodMonitorDependent;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The one place that turns what the operator observed into a UserCounter's status. */
public class UserCounterStatusAggregator {

    private final Clock clock;

    public UserCounterStatusAggregator(Clock clock) {
        this.clock = clock;
    }

    /** @param podMonitorCrdFound the PodMonitor's activation condition, when the workflow evaluated it */
    public UserCounterStatus aggregate(
            UserCounter userCounter,
            Optional<Deployment> deployment,
            Collection<Pod> pods,
            Optional<ReconcileProblem> problem,
            Optional<Boolean> podMonitorCrdFound) {
        var spec = userCounter.getSpec();
        int replicas = spec.getReplicas();
        var rollout = new Rollout(userCounter.getMetadata().getName(), deployment, replicas);
        int readyReplicas = rollout.readyReplicas();
        // a complete rollout has nothing failing to report; before it, a failing pod says why it is not ready
        Optional<PodFailure> podFailure = rollout.complete() ? Optional.empty() : PodFailure.firstOf(pods);

        var conditions = new ArrayList<>(List.of(
                keepingTransitionTime(userCounter, ready(rollout, podFailure, problem)),
                keepingTransitionTime(userCounter, progressing(rollout, problem)),
                keepingTransitionTime(userCounter, degraded(rollout, podFailure, problem))));
        if (spec.podMonitorEnabled()) {
            podMonitorCrdFound
                    .map(found -> monitored(userCounter, found))
                    .ifPresent(monitored -> conditions.add(keepingTransitionTime(userCounter, monitored)));
        }
        return new UserCounterStatus(
                userCounter.getMetadata().getGeneration(),
                rollout.existingReplicas(),
                readyReplicas,
                readyReplicas + "/" + replicas,
                selector(userCounter),
                spec.getConsistency().name(),
                spec.getSyncInterval(),
                url(userCounter),
                conditions);
    }

    private static Condition monitored(UserCounter userCounter, boolean crdFound) {
        return crdFound
                ? condition(
                        MONITORED,
                        true,
                        "PodMonitorCreated",
                        "PodMonitor " + userCounter.getMetadata().getName() + " scrapes port http, path "
                                + PodMonitorDependent.METRICS_PATH)
                : condition(
                        MONITORED,
                        false,
                        "PodMonitorCrdNotFound",
                        "No PodMonitor created: the cluster has no "
                                + "CustomResourceDefinition " + PodMonitorCrdPresent.CRD_NAME
                                + " (install the Prometheus "
                                + "Operator); it is looked for again, at most once a minute, when the UserCounter reconciles");
    }

    private static Condition ready(
            Rollout rollout, Optional<PodFailure> podFailure, Optional<ReconcileProblem> problem) {
        if (problem.isPresent()) {
            return condition(READY, false, problem.get().reason(), problem.get().message());
        }
        if (rollout.deployment().isEmpty()) {
            return condition(
                    READY, false, "DeploymentNotFound", "Deployment " + rollout.name() + " does not exist yet");
        }
        if (rollout.complete()) {
            return condition(READY, true, "AllReplicasReady", rollout.summary());
        }
        return podFailure
                .map(failure -> condition(READY, false, failure.reason(), failure.message()))
                .orElseGet(() -> condition(READY, false, "ReplicasNotReady", rollout.summary()));
    }

    private static Condition progressing(Rollout rollout, Optional<ReconcileProblem> problem) {
        if (problem.isPresent()) {
            return condition(
                    PROGRESSING, false, problem.get().reason(), problem.get().message());
        }
        return rollout.complete()
                ? condition(PROGRESSING, false, "RolloutComplete", rollout.summary())
                : condition(PROGRESSING, true, "RollingOut", rollout.summary());
    }

    private static Condition degraded(
            Rollout rollout, Optional<PodFailure> podFailure, Optional<ReconcileProblem> problem) {
        if (problem.isPresent()) {
            return condition(
                    DEGRADED, true, problem.get().reason(), problem.get().message());
        }
        // the pod's reason says more than the Deployment's "ReplicaSet has timed out progressing"
        if (podFailure.isPresent()) {
            return condition(
                    DEGRADED, true, podFailure.get().reason(), podFailure.get().message());
        }
        return rollout.deadlineExceeded()
                .map(message -> condition(DEGRADED, true, "ProgressDeadlineExceeded", message))
                .orElseGet(() -> condition(DEGRADED, false, "AsExpected", "No problem observed"));
    }

    /** What {@code kubectl get pods -l} takes: the pod selector, keys sorted as the API server formats selectors. */
    static String selector(UserCounter userCounter) {
        return new TreeMap<>(ManagedMetadata.podSelector(userCounter))
                .entrySet().stream()
                        .map(label -> label.getKey() + "=" + label.getValue())
                        .collect(Collectors.joining(","));
    }

    static String url(UserCounter userCounter) {
        IngressSpec ingress = userCounter.getSpec().getIngress();
        if (userCounter.getSpec().ingressEnabled()) {
            String scheme = ingress.getTlsSecretName() != null ? "https" : "http";
            return scheme + "://" + ingress.getHost() + ingress.getPath();
        }
        return "http://" + userCounter.getMetadata().getName() + "."
                + userCounter.getMetadata().getNamespace() + ".svc/";
    }

    private static Condition condition(String type, boolean status, String reason, String message) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status ? "True" : "False")
                .withReason(reason)
                .withMessage(message)
                .build();
    }

    /** Conventions: observedGeneration on every condition; lastTransitionTime moves only when status does. */
    private Condition keepingTransitionTime(UserCounter userCounter, Condition condition) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String lastTransitionTime = Optional.ofNullable(userCounter.getStatus())
                .flatMap(previous -> previous.condition(condition.getType()))
                .filter(previous -> condition.getStatus().equals(previous.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now);
        return new ConditionBuilder(condition)
                .withObservedGeneration(userCounter.getMetadata().getGeneration())
                .withLastTransitionTime(lastTransitionTime)
                .build();
    }
}
