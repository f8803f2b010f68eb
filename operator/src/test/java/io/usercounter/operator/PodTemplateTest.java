package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.usercounter.operator.api.v1alpha1.ExtraEnvVar;
import io.usercounter.operator.api.v1alpha1.PodTemplateSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each setting of spec.podTemplate, applied through the local API server (so the CRD's schema and rules see it),
 * reaches the Deployment the real operator writes.
 */
class PodTemplateTest {

    static final Map<String, String> APP_PODS =
            Map.of("app.kubernetes.io/name", "counter-app", "app.kubernetes.io/instance", "demo");

    @RegisterExtension
    static final OperatorOnLocalApiServer.PerClass stack = new OperatorOnLocalApiServer.PerClass();

    static Stream<Arguments> settings() {
        var antiAffinity = new AffinityBuilder()
                .withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withTopologyKey("topology.kubernetes.io/zone")
                .withLabelSelector(
                        new LabelSelectorBuilder().withMatchLabels(APP_PODS).build())
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
        var toleration = new Toleration("NoSchedule", "dedicated", "Equal", null, "counters");
        var zoneSpread = new TopologySpreadConstraintBuilder()
                .withMaxSkew(2)
                .withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("DoNotSchedule")
                .build();
        return Stream.of(
                setting(
                        "nodeSelector",
                        pod -> pod.setNodeSelector(Map.of("disktype", "ssd")),
                        spec -> spec.getNodeSelector(),
                        Map.of("disktype", "ssd")),
                setting("affinity", pod -> pod.setAffinity(antiAffinity), PodSpec::getAffinity, antiAffinity),
                setting(
                        "tolerations",
                        pod -> pod.setTolerations(List.of(toleration)),
                        PodSpec::getTolerations,
                        List.of(toleration)),
                setting(
                        "topologySpreadConstraints, the pods' selector filled in",
                        pod -> pod.setTopologySpreadConstraints(List.of(zoneSpread)),
                        PodSpec::getTopologySpreadConstraints,
                        List.of(new TopologySpreadConstraintBuilder(zoneSpread)
                                .withLabelSelector(new LabelSelectorBuilder()
                                        .withMatchLabels(APP_PODS)
                                        .build())
                                .build())),
                setting(
                        "priorityClassName",
                        pod -> pod.setPriorityClassName("counters-high"),
                        PodSpec::getPriorityClassName,
                        "counters-high"),
                setting(
                        "imagePullSecrets",
                        pod -> pod.setImagePullSecrets(List.of(new LocalObjectReference("registry-creds"))),
                        PodSpec::getImagePullSecrets,
                        List.of(new LocalObjectReference("registry-creds"))),
                setting(
                        "serviceAccountName",
                        pod -> pod.setServiceAccountName("counter-app"),
                        PodSpec::getServiceAccountName,
                        "counter-app"),
                setting(
                        "env, after the operator's",
                        pod -> pod.setEnv(List.of(new ExtraEnvVar("LOGGING_LEVEL_ROOT", "debug"))),
                        spec -> spec.getContainers().get(0).getEnv().getLast(),
                        new EnvVar("LOGGING_LEVEL_ROOT", "debug", null)),
                setting(
                        "jvmOptions, after the heap sizing",
                        pod -> pod.setJvmOptions(List.of("-XX:+UseZGC", "-Xss512k")),
                        spec -> TestNamespace.env(deploymentOf(spec)).get("JAVA_TOOL_OPTIONS"),
                        "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp -XX:+UseZGC -Xss512k"),
                setting(
                        "securityContext {}, the user left to the platform",
                        pod -> pod.setSecurityContext(new PodSecurityContext()),
                        PodSpec::getSecurityContext,
                        new PodSecurityContextBuilder()
                                .withRunAsNonRoot(true)
                                .withNewSeccompProfile()
                                .withType("RuntimeDefault")
                                .endSeccompProfile()
                                .build()),
                setting(
                        "securityContext with an assigned user",
                        pod -> pod.setSecurityContext(new PodSecurityContextBuilder()
                                .withRunAsUser(1000680000L)
                                .withFsGroup(1000680000L)
                                .build()),
                        PodSpec::getSecurityContext,
                        new PodSecurityContextBuilder()
                                .withRunAsUser(1000680000L)
                                .withFsGroup(1000680000L)
                                .withRunAsNonRoot(true)
                                .withNewSeccompProfile()
                                .withType("RuntimeDefault")
                                .endSeccompProfile()
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void eachSettingReachesThePodSpec(
            String name, Consumer<PodTemplateSettings> setting, Function<PodSpec, Object> read, Object expected) {
        var deployment = deploymentWith(setting);

        assertThat(read.apply(deployment.getSpec().getTemplate().getSpec())).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void podLabelsAndAnnotationsAreAddedBesideTheOperatorsOwn() {
        var template = deploymentWith(pod -> {
                    pod.setLabels(Map.of("team", "payments"));
                    pod.setAnnotations(Map.of("prometheus.io/scrape", "true"));
                })
                .getSpec()
                .getTemplate();

        assertThat(template.getMetadata().getLabels())
                .containsEntry("team", "payments")
                .containsAllEntriesOf(APP_PODS)
                .containsEntry("app.kubernetes.io/managed-by", "usercounter-operator");
        assertThat(template.getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsKey("usercounter.io/config-hash");
    }

    private static Deployment deploymentWith(Consumer<PodTemplateSettings> setting) {
        var ns = stack.namespace("pods");
        var userCounter = userCounter(ns.name(), "demo");
        userCounter.getSpec().setPodTemplate(new PodTemplateSettings());
        setting.accept(userCounter.getSpec().getPodTemplate());
        ns.applyWithSecrets(userCounter, "s3cret", "redis-pw");
        return ns.awaitObject(Deployment.class, "demo");
    }

    private static Deployment deploymentOf(PodSpec spec) {
        var deployment = new Deployment();
        deployment.setSpec(new io.fabric8.kubernetes.api.model.apps.DeploymentSpec());
        deployment.getSpec().setTemplate(new io.fabric8.kubernetes.api.model.PodTemplateSpec(null, spec));
        return deployment;
    }

    private static Arguments setting(
            String name, Consumer<PodTemplateSettings> setting, Function<PodSpec, Object> read, Object expected) {
        return Arguments.of(name, setting, read, expected);
    }
}
