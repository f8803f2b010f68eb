package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code podman run} of one container of a pod, as a kubelet's runtime would start it: the container's security
 * context over the pod's, its resource limits and its emptyDir volumes, on the host's network. Variables are passed
 * by name only ({@code -e NAME}), so Secret values stay in podman's environment and out of any command line.
 */
record PodmanRun(String containerName, PodSpec pod, Container container) {

    static final List<String> PODMAN = List.of("podman", "--runtime", "runc");

    List<String> command(Collection<String> envNames) throws UnresolvableEnvironment {
        List<String> command = new ArrayList<>(PODMAN);
        // this machine refuses raising these two limits, and the containers share the host's loopback services
        command.addAll(List.of(
                "run",
                "--rm",
                "--replace",
                "--name",
                containerName,
                "--network",
                "host",
                "--ulimit",
                "nofile=1024:1024",
                "--ulimit",
                "nproc=1024:1024"));
        securityContext(command);
        limits(command);
        volumes(command);
        envNames.forEach(name -> command.addAll(List.of("-e", name)));
        command.add(container.getImage());
        command.addAll(Optional.ofNullable(container.getCommand()).orElse(List.of()));
        command.addAll(Optional.ofNullable(container.getArgs()).orElse(List.of()));
        return command;
    }

    /** Stops a container whose podman process was killed outright (SIGKILL is not forwarded to it). */
    List<String> forceRemove() {
        List<String> command = new ArrayList<>(PODMAN);
        command.addAll(List.of("rm", "-f", "-i", "-t", "0", containerName));
        return command;
    }

    private void securityContext(List<String> command) throws UnresolvableEnvironment {
        Long user = setting(SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser);
        Long group = setting(SecurityContext::getRunAsGroup, PodSecurityContext::getRunAsGroup);
        if (Boolean.TRUE.equals(setting(SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot))
                && Long.valueOf(0).equals(user)) {
            throw new UnresolvableEnvironment("container's runAsUser breaks non-root policy");
        }
        if (user != null) {
            command.addAll(List.of("--user", user + (group == null ? "" : ":" + group)));
        }
        SecurityContext own = container.getSecurityContext();
        if (own != null && Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            // only the root filesystem: without this podman would also make /run and /var/tmp writable
            command.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (own != null && Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            command.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        if (own != null && own.getCapabilities() != null) {
            Optional.ofNullable(own.getCapabilities().getDrop())
                    .orElse(List.of())
                    .forEach(c -> command.addAll(List.of("--cap-drop", c)));
            Optional.ofNullable(own.getCapabilities().getAdd())
                    .orElse(List.of())
                    .forEach(c -> command.addAll(List.of("--cap-add", c)));
        }
    }

    private <T> T setting(Function<SecurityContext, T> ofContainer, Function<PodSecurityContext, T> ofPod) {
        T own = container.getSecurityContext() == null ? null : ofContainer.apply(container.getSecurityContext());
        return own != null || pod.getSecurityContext() == null ? own : ofPod.apply(pod.getSecurityContext());
    }

    private void limits(List<String> command) {
        if (container.getResources() == null || container.getResources().getLimits() == null) {
            return;
        }
        Quantity memory = container.getResources().getLimits().get("memory");
        if (memory != null) {
            command.addAll(List.of(
                    "--memory", Quantity.getAmountInBytes(memory).toBigInteger().toString()));
        }
        Quantity cpu = container.getResources().getLimits().get("cpu");
        if (cpu != null) {
            command.addAll(List.of(
                    "--cpus",
                    Quantity.getAmountInBytes(cpu).stripTrailingZeros().toPlainString()));
        }
    }

    /** emptyDir volumes only, each a tmpfs any user may write to, like the kubelet's 0777 directory. */
    private void volumes(List<String> command) throws UnresolvableEnvironment {
        for (VolumeMount mount :
                Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
            Volume volume = Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow(() -> new UnresolvableEnvironment(
                            "volumeMount " + mount.getName() + " names no volume of the pod"));
            if (volume.getEmptyDir() == null) {
                throw new UnresolvableEnvironment(
                        "volume " + volume.getName() + ": only emptyDir is supported by the supervisor");
            }
            String options = "type=tmpfs,destination=" + mount.getMountPath() + ",tmpfs-mode=1777";
            Quantity size = volume.getEmptyDir().getSizeLimit();
            command.addAll(List.of(
                    "--mount",
                    size == null
                            ? options
                            : options + ",tmpfs-size="
                                    + Quantity.getAmountInBytes(size).toBigInteger()));
        }
    }
}
