package io.usercounter.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Why an app pod cannot start or keeps failing, as its kubelet and the scheduler report it in the pod's status; the
 * Keycloak operator copies pod errors into its status the same way. The message names the pod, the container and
 * the container's last termination reason.
 */
record PodFailure(String reason, String message) {

    /** Waiting reasons of a container that will not run without a change (image, config) or that keeps crashing. */
    static final Set<String> FAILING_WAITING_REASONS = Set.of(
            "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError");

    /** The failure of the first failing pod by name, so that the same pods always give the same status. */
    static Optional<PodFailure> firstOf(Collection<Pod> pods) {
        return pods.stream()
                .sorted(Comparator.comparing((Pod pod) -> pod.getMetadata().getName()))
                .flatMap(PodFailure::of)
                .findFirst();
    }

    private static Stream<PodFailure> of(Pod pod) {
        String name = pod.getMetadata().getName();
        var status = pod.getStatus();
        if (status == null) {
            return Stream.empty();
        }
        Stream<PodFailure> unschedulable = Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> "PodScheduled".equals(c.getType())
                        && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .map(c -> new PodFailure("Unschedulable", "pod " + name + " cannot be scheduled: " + text(c)));
        Stream<PodFailure> containers = Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()).stream()
                .flatMap(container -> of(name, container).stream());
        return Stream.concat(unschedulable, containers);
    }

    private static Optional<PodFailure> of(String pod, ContainerStatus container) {
        var state = container.getState();
        String lastTermination = Optional.ofNullable(container.getLastState())
                .map(last -> last.getTerminated())
                .map(PodFailure::termination)
                .map(text -> ", last terminated: " + text)
                .orElse("");
        String prefix = "pod " + pod + " container " + container.getName() + ": ";
        if (state != null
                && state.getWaiting() != null
                && FAILING_WAITING_REASONS.contains(state.getWaiting().getReason())) {
            var waiting = state.getWaiting();
            String detail = waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")";
            return Optional.of(
                    new PodFailure(waiting.getReason(), prefix + waiting.getReason() + detail + lastTermination));
        }
        // killed and not yet restarted: the kubelet says OOMKilled before it backs off
        if (state != null
                && state.getTerminated() != null
                && "OOMKilled".equals(state.getTerminated().getReason())) {
            return Optional.of(new PodFailure("OOMKilled", prefix + termination(state.getTerminated())));
        }
        return Optional.empty();
    }

    private static String termination(ContainerStateTerminated terminated) {
        return Optional.ofNullable(terminated.getReason()).orElse("Terminated")
                + (terminated.getExitCode() == null ? "" : " (exit code " + terminated.getExitCode() + ")");
    }

    private static String text(PodCondition condition) {
        return condition.getMessage() == null ? condition.getReason() : condition.getMessage();
    }
}
