package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodmanRunTest {

    /** The shape of the operator's app pod: non-root pod, hardened container, 512Mi limit, an emptyDir at /tmp. */
    // spotless:off: indented like the YAML it builds, which the formatter would flatten
    private static final Container APP = new ContainerBuilder()
            .withName("counter-app")
            .withImage("ghcr.io/usercounter/counter-app:0.1.0")
            .withNewResources().addToLimits("memory", new Quantity("512Mi")).addToLimits("cpu", new Quantity("500m")).endResources()
            .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext()
            .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
            .build();
    // spotless:on

    private static PodSpec pod(Container container) {
        // spotless:off
        return new PodSpecBuilder()
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L).endSecurityContext()
                .withContainers(container)
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .build();
        // spotless:on
    }

    @Test
    void thePodsUserReadOnlyRootLimitsAndEmptyDirBecomePodmanOptions() throws Exception {
        List<String> command =
                new PodmanRun("uc-team-a.demo-1", pod(APP), APP).command(List.of("COUNTER_KEY_PREFIX", "SERVER_PORT"));

        assertThat(command)
                .startsWith("podman", "--runtime", "runc", "run", "--rm", "--replace", "--name", "uc-team-a.demo-1")
                .containsSequence("--user", "10001:10001")
                .containsSequence("--read-only", "--read-only-tmpfs=false")
                .containsSequence("--security-opt", "no-new-privileges")
                .containsSequence("--cap-drop", "ALL")
                .containsSequence("--memory", "536870912")
                .containsSequence("--cpus", "0.5")
                .containsSequence("--mount", "type=tmpfs,destination=/tmp,tmpfs-mode=1777")
                .containsSequence("-e", "COUNTER_KEY_PREFIX", "-e", "SERVER_PORT")
                .endsWith("ghcr.io/usercounter/counter-app:0.1.0");
    }

    @Test
    void theContainersOwnUserWinsOverThePods() throws Exception {
        Container own = new ContainerBuilder(APP)
                .editSecurityContext()
                .withRunAsUser(20002L)
                .endSecurityContext()
                .build();

        assertThat(new PodmanRun("c", pod(own), own).command(List.of())).containsSequence("--user", "20002:10001");
    }

    @Test
    void aMountOfAVolumeThePodLacksCannotStart() {
        PodSpec noVolumes = new PodSpecBuilder(pod(APP)).withVolumes().build();

        assertThatThrownBy(() -> new PodmanRun("c", noVolumes, APP).command(List.of()))
                .isInstanceOf(UnresolvableEnvironment.class)
                .hasMessage("volumeMount tmp names no volume of the pod");
    }

    @Test
    void rootUnderRunAsNonRootCannotStart() {
        Container root = new ContainerBuilder(APP)
                .editSecurityContext()
                .withRunAsUser(0L)
                .endSecurityContext()
                .build();

        assertThatThrownBy(() -> new PodmanRun("c", pod(root), root).command(List.of()))
                .isInstanceOf(UnresolvableEnvironment.class)
                .hasMessage("container's runAsUser breaks non-root policy");
    }
}
