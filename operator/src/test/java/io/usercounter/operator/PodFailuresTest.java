package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.DEGRADED;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pod of the instance that cannot start reaches the UserCounter's status, reported as a kubelet reports it. */
@ExtendWith(OperatorOnMockApiServer.class)
class PodFailuresTest {

    static final String CRASH_LOOP =
            "pod demo-7c9d-x2x4 container counter-app: CrashLoopBackOff (back-off 40s restarting "
                    + "failed container), last terminated: OOMKilled (exit code 137)";

    @Test
    void aCrashLoopingPodMakesReadyFalseAndDegradedTrueWithItsReasonAndMessage(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        var deployment = ns.awaitObject(Deployment.class, "demo");

        crashLooping(ns, deployment.getSpec().getTemplate().getMetadata().getLabels());

        await().untilAsserted(() -> {
            var status = ns.status("demo");
            assertThat(status.condition(READY)).hasValueSatisfying(ready -> {
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("CrashLoopBackOff");
                assertThat(ready.getMessage()).isEqualTo(CRASH_LOOP);
            });
            assertThat(status.condition(DEGRADED)).hasValueSatisfying(degraded -> {
                assertThat(degraded.getStatus()).isEqualTo("True");
                assertThat(degraded.getReason()).isEqualTo("CrashLoopBackOff");
                assertThat(degraded.getMessage()).isEqualTo(CRASH_LOOP);
            });
        });
    }

    @Test
    void aFailingPodWithoutTheManagedByLabelIsNotWatchedAndChangesNothing(TestNamespace ns) {
        ns.applyWithSecrets(userCounter(ns.name(), "demo"), "s3cret", "redis-pw");
        var deployment = ns.awaitObject(Deployment.class, "demo");
        await().untilAsserted(() -> assertThat(
                        ns.status("demo").condition(READY).orElseThrow().getReason())
                .isEqualTo("ReplicasNotReady"));

        var labels =
                new HashMap<>(deployment.getSpec().getTemplate().getMetadata().getLabels());
        labels.remove("app.kubernetes.io/managed-by");
        crashLooping(ns, labels);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(ns.status("demo").condition(READY).orElseThrow().getReason())
                    .isEqualTo("ReplicasNotReady");
            assertThat(ns.status("demo").condition(DEGRADED).orElseThrow().getStatus())
                    .isEqualTo("False");
        });
    }

    /** A pod of the template's labels whose kubelet reports its container in a crash loop after an OOM kill. */
    private static void crashLooping(TestNamespace ns, Map<String, String> labels) {
        ns.create(new PodBuilder()
                .withNewMetadata()
                .withName("demo-7c9d-x2x4")
                .withNamespace(ns.name())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("counter-app")
                .withImage("registry.test/counter-app:1.0")
                .endContainer()
                .endSpec()
                .build());
        ns.client().pods().inNamespace(ns.name()).withName("demo-7c9d-x2x4").editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder()
                    .withPhase("Running")
                    .addNewContainerStatus()
                    .withName("counter-app")
                    .withReady(false)
                    .withRestartCount(4)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("back-off 40s restarting failed container")
                    .endWaiting()
                    .endState()
                    .withNewLastState()
                    .withNewTerminated()
                    .withReason("OOMKilled")
                    .withExitCode(137)
                    .endTerminated()
                    .endLastState()
                    .endContainerStatus()
                    .build());
            return pod;
        });
    }
}
