package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.ExtraEnvVar;
import io.usercounter.operator.api.v1alpha1.PodTemplateSettings;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterSpec;
import io.usercounter.operator.settings.ConfigHash;
import io.usercounter.operator.settings.CounterAppSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code <name>}: the counter-app pods, non-root on a read-only root filesystem, rolled on any config change. */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class DeploymentDependent extends CRUDKubernetesDependentResource<Deployment, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "deployment";

    public static final String CONTAINER = "counter-app";
    public static final String HTTP_PORT_NAME = "http";
    public static final int HTTP_PORT = 8080;
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    /** What a pod gets when the spec sets no resources. */
    static final ResourceRequirements DEFAULT_RESOURCES = new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity(UserCounterSpec.DEFAULT_CPU_REQUEST))
            .addToRequests("memory", new Quantity(UserCounterSpec.DEFAULT_MEMORY))
            .addToLimits("memory", new Quantity(UserCounterSpec.DEFAULT_MEMORY))
            .build();

    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(UserCounter userCounter, Context<UserCounter> context) {
        return desired(userCounter, CounterAppSettings.from(context));
    }

    Deployment desired(UserCounter userCounter, CounterAppSettings settings) {
        var pod = Optional.ofNullable(userCounter.getSpec().getPodTemplate()).orElseGet(PodTemplateSettings::new);
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new DeploymentBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withReplicas(userCounter.getSpec().getReplicas())
                    .withNewSelector().withMatchLabels(ManagedMetadata.podSelector(userCounter)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(withManaged(pod.getLabels(), ManagedMetadata.labels(userCounter)))
                            .withAnnotations(withManaged(pod.getAnnotations(),
                                    Map.of(ConfigHash.ANNOTATION, ConfigHash.of(settings))))
                        .endMetadata()
                        .withNewSpec()
                            .withSecurityContext(PodPlacement.securityContext(pod.getSecurityContext()))
                            .withServiceAccountName(pod.getServiceAccountName())
                            .withPriorityClassName(pod.getPriorityClassName())
                            // an absent list or map is empty, as the model reads it back from the API server
                            .withNodeSelector(Optional.ofNullable(pod.getNodeSelector()).orElse(Map.of()))
                            .withAffinity(pod.getAffinity())
                            .withTolerations(Optional.ofNullable(pod.getTolerations()).orElse(List.of()))
                            .withTopologySpreadConstraints(PodPlacement.spread(pod.getTopologySpreadConstraints(),
                                    ManagedMetadata.podSelector(userCounter)))
                            .withImagePullSecrets(Optional.ofNullable(pod.getImagePullSecrets()).orElse(List.of()))
                            .withContainers(container(userCounter, settings, pod))
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
        // spotless:on
    }

    private static Container container(UserCounter userCounter, CounterAppSettings settings, PodTemplateSettings pod) {
        // spotless:off
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.image())
                .addNewPort().withName(HTTP_PORT_NAME).withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                .addNewEnvFrom().withNewSecretRef(ManagedMetadata.configSecretName(userCounter), false).endEnvFrom()
                .withEnv(env(settings, pod))
                .withReadinessProbe(httpProbe("/actuator/health/readiness", 3))
                .withLivenessProbe(httpProbe("/actuator/health/liveness", 6))
                // Spring Boot needs time to migrate the schema before liveness may restart it
                .withStartupProbe(httpProbe("/actuator/health/liveness", 60))
                .withResources(Optional.ofNullable(userCounter.getSpec().getResources()).orElse(DEFAULT_RESOURCES))
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true)
                    .withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
        // spotless:on
    }

    /** The operator's variables, JAVA_TOOL_OPTIONS among them, then the spec's extra ones (which cannot override). */
    private static List<EnvVar> env(CounterAppSettings settings, PodTemplateSettings pod) {
        var managed = new TreeMap<>(settings.plainEnvironment());
        managed.put(JAVA_TOOL_OPTIONS, PodPlacement.javaToolOptions(pod.getJvmOptions()));
        var env = new ArrayList<EnvVar>();
        managed.forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        for (ExtraEnvVar extra : Optional.ofNullable(pod.getEnv()).orElse(List.of())) {
            if (ExtraEnvVar.MANAGED.contains(extra.getName())) {
                throw new IllegalArgumentException(
                        "spec.podTemplate.env cannot set " + extra.getName() + ": the operator sets it");
            }
            env.add(new EnvVar(extra.getName(), extra.getValue(), extra.getValueFrom()));
        }
        return env;
    }

    /** The spec's labels or annotations with the operator's; a spec that sets one of those is invalid. */
    private static Map<String, String> withManaged(Map<String, String> fromSpec, Map<String, String> managed) {
        var all = new TreeMap<String, String>(Optional.ofNullable(fromSpec).orElse(Map.of()));
        managed.keySet().stream().filter(all::containsKey).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("spec.podTemplate cannot set " + key + ": the operator manages it");
        });
        all.putAll(managed);
        return all;
    }

    private static Probe httpProbe(String path, int failureThreshold) {
        // spotless:off
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(HTTP_PORT_NAME)).endHttpGet()
                .withPeriodSeconds(5)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
        // spotless:on
    }
}
