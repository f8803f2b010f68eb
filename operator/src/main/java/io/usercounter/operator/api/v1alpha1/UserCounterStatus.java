package io.usercounter.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Optional;

/**
 * What the operator observed. A record, so equality, which decides whether the status is patched, covers every
 * component without a hand-written equals to keep in step.
 *
 * @param replicas the app pods that exist (the Deployment's status.replicas), which the scale subresource reports
 * @param selector the label selector of the app pods, in its string form: an autoscaler finds their metrics by it
 * @param ready {@code readyReplicas/spec.replicas}, for the Ready printer column
 */
public record UserCounterStatus(
        Long observedGeneration,
        @StatusReplicas Integer replicas,
        Integer readyReplicas,
        String ready,
        @LabelSelector String selector,
        String consistency,
        String syncInterval,
        String url,
        List<Condition> conditions) {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    /** Only while spec.monitoring.podMonitor is true: whether the PodMonitor exists, or why not. */
    public static final String MONITORED = "Monitored";

    /** A status read from the server may carry no conditions; treat that as none rather than null. */
    public UserCounterStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
