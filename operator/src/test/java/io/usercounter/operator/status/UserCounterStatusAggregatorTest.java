package io.usercounter.operator.status;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.MONITORED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.MonitoringSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserCounterStatusAggregatorTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant T1 = Instant.parse("2026-12-01T08:05:00Z");

    final UserCounter userCounter = generation3(userCounter("team-a", "demo"));

    @Test
    void reportsTheEffectiveSettingsAndTheServiceUrl() {
        var status = at(T0).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.observedGeneration()).isEqualTo(3L);
        assertThat(status.replicas()).isEqualTo(2);
        assertThat(status.readyReplicas()).isEqualTo(2);
        assertThat(status.ready()).isEqualTo("2/2");
        assertThat(status.consistency()).isEqualTo("Eventual");
        assertThat(status.syncInterval()).isEqualTo("5s");
        assertThat(status.url()).isEqualTo("http://demo.team-a.svc/");
    }

    @Test
    void monitoredIsLeftOutWhileNoPodMonitorIsAsked() {
        var status = at(T0).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(), Optional.empty(), Optional.of(false));

        assertThat(status.condition(MONITORED)).isEmpty();
    }

    @Test
    void monitoredSaysNoPodMonitorWasCreatedWithoutItsCrd() {
        userCounter.getSpec().setMonitoring(podMonitor());

        var monitored = at(T0).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(), Optional.empty(), Optional.of(false))
                .condition(MONITORED)
                .orElseThrow();

        assertThat(monitored.getStatus()).isEqualTo("False");
        assertThat(monitored.getReason()).isEqualTo("PodMonitorCrdNotFound");
        assertThat(monitored.getMessage())
                .isEqualTo("No PodMonitor created: the cluster has no "
                        + "CustomResourceDefinition podmonitors.monitoring.coreos.com (install the Prometheus Operator); "
                        + "it is looked for again, at most once a minute, when the UserCounter reconciles");
    }

    @Test
    void monitoredNamesThePodMonitorOnceItsCrdExists() {
        userCounter.getSpec().setMonitoring(podMonitor());

        var monitored = at(T0).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(), Optional.empty(), Optional.of(true))
                .condition(MONITORED)
                .orElseThrow();

        assertThat(monitored.getStatus()).isEqualTo("True");
        assertThat(monitored.getReason()).isEqualTo("PodMonitorCreated");
        assertThat(monitored.getMessage()).isEqualTo("PodMonitor demo scrapes port http, path /actuator/prometheus");
    }

    private static MonitoringSpec podMonitor() {
        var monitoring = new MonitoringSpec();
        monitoring.setPodMonitor(true);
        return monitoring;
    }

    @Test
    void replicasAreThePodsTheDeploymentReportsNotTheSpec() {
        var surging = new DeploymentBuilder(deployment(1))
                .editStatus()
                .withReplicas(3)
                .endStatus()
                .build();

        var status = at(T0).aggregate(userCounter, Optional.of(surging), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.replicas()).isEqualTo(3);
        assertThat(status.ready()).isEqualTo("1/2");
    }

    @Test
    void replicasAreZeroWithoutADeployment() {
        assertThat(at(T0).aggregate(userCounter, Optional.empty(), List.of(), Optional.empty(), Optional.empty())
                        .replicas())
                .isZero();
    }

    @Test
    void selectorIsThePodSelectorInTheApiServersStringForm() {
        var status = at(T0).aggregate(userCounter, Optional.empty(), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.selector()).isEqualTo("app.kubernetes.io/instance=demo,app.kubernetes.io/name=counter-app");
    }

    @Test
    void aFailingPodMakesItNotReadyAndDegradedWithThePodsReason() {
        var crashing = new PodBuilder()
                .withNewMetadata()
                .withName("demo-7c9d-x2x4")
                .endMetadata()
                .withNewStatus()
                .addNewContainerStatus()
                .withName("counter-app")
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("Error")
                .withExitCode(1)
                .endTerminated()
                .endLastState()
                .endContainerStatus()
                .endStatus()
                .build();
        String message =
                "pod demo-7c9d-x2x4 container counter-app: CrashLoopBackOff, last terminated: Error (exit code 1)";

        var status = at(T0).aggregate(
                        userCounter, Optional.of(deployment(1)), List.of(crashing), Optional.empty(), Optional.empty());

        assertThat(status.condition("Ready"))
                .contains(condition("Ready", false, "CrashLoopBackOff", message, 3L, "2026-12-01T08:00:00Z"));
        assertThat(status.condition("Degraded"))
                .contains(condition("Degraded", true, "CrashLoopBackOff", message, 3L, "2026-12-01T08:00:00Z"));
    }

    @Test
    void aFailingPodLeftOverOnceEveryReplicaIsReadyChangesNothing() {
        var crashing = new PodBuilder()
                .withNewMetadata()
                .withName("demo-old")
                .endMetadata()
                .withNewStatus()
                .addNewContainerStatus()
                .withName("counter-app")
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();

        var status = at(T0).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(crashing), Optional.empty(), Optional.empty());

        assertThat(status.condition("Ready").orElseThrow().getReason()).isEqualTo("AllReplicasReady");
        assertThat(status.condition("Degraded").orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    void isReadyWhenEveryReplicaIsReady() {
        var status = at(T0).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.conditions())
                .containsExactly(
                        condition("Ready", true, "AllReplicasReady", "2/2 replicas ready", 3L, "2026-12-01T08:00:00Z"),
                        condition(
                                "Progressing",
                                false,
                                "RolloutComplete",
                                "2/2 replicas ready",
                                3L,
                                "2026-12-01T08:00:00Z"),
                        condition("Degraded", false, "AsExpected", "No problem observed", 3L, "2026-12-01T08:00:00Z"));
    }

    @Test
    void isProgressingWhileReplicasAreNotReady() {
        var status = at(T0).aggregate(
                        userCounter, Optional.of(deployment(1)), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.ready()).isEqualTo("1/2");
        assertThat(status.condition("Ready"))
                .contains(condition(
                        "Ready", false, "ReplicasNotReady", "1/2 replicas ready", 3L, "2026-12-01T08:00:00Z"));
        assertThat(status.condition("Progressing").orElseThrow().getStatus()).isEqualTo("True");
    }

    @Test
    void isNotReadyWhileTheDeploymentControllerHasNotSeenTheLatestTemplate() {
        var stale = new DeploymentBuilder(deployment(2))
                .editMetadata()
                .withGeneration(5L)
                .endMetadata()
                .editStatus()
                .withObservedGeneration(4L)
                .endStatus()
                .build();

        var status = at(T0).aggregate(userCounter, Optional.of(stale), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    void isNotReadyBeforeTheDeploymentExists() {
        var status = at(T0).aggregate(userCounter, Optional.empty(), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.ready()).isEqualTo("0/2");
        assertThat(status.condition("Ready").orElseThrow().getReason()).isEqualTo("DeploymentNotFound");
    }

    @Test
    void aProblemMakesItNotReadyAndDegradedWithTheProblemsReason() {
        var problem = new ReconcileProblem("SecretNotFound", "Secret mysql-creds (...) not found in namespace team-a");

        var status = at(T0).aggregate(userCounter, Optional.empty(), List.of(), Optional.of(problem), Optional.empty());

        assertThat(status.condition("Ready"))
                .contains(condition("Ready", false, "SecretNotFound", problem.message(), 3L, "2026-12-01T08:00:00Z"));
        assertThat(status.condition("Degraded"))
                .contains(condition("Degraded", true, "SecretNotFound", problem.message(), 3L, "2026-12-01T08:00:00Z"));
        assertThat(status.condition("Progressing").orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    void aProgressDeadlineExceededDeploymentIsDegraded() {
        var stuck = new DeploymentBuilder(deployment(0))
                .editStatus()
                .addNewCondition()
                .withType("Progressing")
                .withStatus("False")
                .withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"demo-1\" has timed out progressing.")
                .endCondition()
                .endStatus()
                .build();

        var status = at(T0).aggregate(userCounter, Optional.of(stuck), List.of(), Optional.empty(), Optional.empty());

        assertThat(status.condition("Degraded"))
                .contains(condition(
                        "Degraded",
                        true,
                        "ProgressDeadlineExceeded",
                        "ReplicaSet \"demo-1\" has timed out progressing.",
                        3L,
                        "2026-12-01T08:00:00Z"));
    }

    @Test
    void keepsTheTransitionTimeOfAConditionWhoseStatusDidNotChange() {
        userCounter.setStatus(at(T0).aggregate(
                        userCounter, Optional.of(deployment(1)), List.of(), Optional.empty(), Optional.empty()));

        var later = at(T1).aggregate(
                        userCounter, Optional.of(deployment(1)), List.of(), Optional.empty(), Optional.empty());

        assertThat(later.condition("Ready").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-12-01T08:00:00Z");
        assertThat(later).isEqualTo(userCounter.getStatus());
    }

    @Test
    void movesTheTransitionTimeOfAConditionWhoseStatusChanged() {
        userCounter.setStatus(at(T0).aggregate(
                        userCounter, Optional.of(deployment(1)), List.of(), Optional.empty(), Optional.empty()));

        UserCounterStatus later = at(T1).aggregate(
                        userCounter, Optional.of(deployment(2)), List.of(), Optional.empty(), Optional.empty());

        assertThat(later.condition("Ready").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-12-01T08:05:00Z");
        assertThat(later.condition("Degraded").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-12-01T08:00:00Z");
    }

    @Test
    void urlIsTheIngressUrlWhileTheIngressIsEnabled() {
        var ingress = new IngressSpec();
        ingress.setEnabled(true);
        ingress.setHost("demo.counters.test");
        ingress.setPath("/counters");
        userCounter.getSpec().setIngress(ingress);

        assertThat(UserCounterStatusAggregator.url(userCounter)).isEqualTo("http://demo.counters.test/counters");
        ingress.setTlsSecretName("demo-tls");
        assertThat(UserCounterStatusAggregator.url(userCounter)).isEqualTo("https://demo.counters.test/counters");
    }

    private static Condition condition(
            String type,
            boolean status,
            String reason,
            String message,
            long observedGeneration,
            String lastTransitionTime) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status ? "True" : "False")
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(observedGeneration)
                .withLastTransitionTime(lastTransitionTime)
                .build();
    }

    private static UserCounterStatusAggregator at(Instant instant) {
        return new UserCounterStatusAggregator(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static UserCounter generation3(UserCounter userCounter) {
        userCounter.getMetadata().setGeneration(3L);
        return userCounter;
    }

    private static Deployment deployment(int readyReplicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("demo")
                .withGeneration(1L)
                .endMetadata()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(2)
                .withReadyReplicas(readyReplicas)
                .withAvailableReplicas(readyReplicas)
                .withUpdatedReplicas(2)
                .endStatus()
                .build();
    }
}
