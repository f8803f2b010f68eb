package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code <name>}: the counter-app pods, non-root on a read-only root filesystem, rolled on any config change. */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class DeploymentDependent extends CRUDKubernetesDependentResource<Deployment, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "deployment";

    public static final String CONTAINER = "counter-app";
    public static final String HTTP_PORT_NAME = "http";
    public static final int HTTP_PORT = 8080;
    /** A numeric user, because runAsNonRoot cannot check a user name. */
    public static final long APP_USER = 10001L;

    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(UserCounter userCounter, Context<UserCounter> context) {
        return desired(userCounter, CounterAppSettings.from(context));
    }

    Deployment desired(UserCounter userCounter, CounterAppSettings settings) {
        return new DeploymentBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withReplicas(userCounter.getSpec().getReplicas())
                    .withNewSelector().withMatchLabels(ManagedMetadata.podSelector(userCounter)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(ManagedMetadata.labels(userCounter))
                            .withAnnotations(Map.of(ConfigHash.ANNOTATION, ConfigHash.of(settings)))
                        .endMetadata()
                        .withNewSpec()
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withRunAsUser(APP_USER)
                                .withRunAsGroup(APP_USER)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .withContainers(container(userCounter, settings))
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(UserCounter userCounter, CounterAppSettings settings) {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.image())
                .addNewPort().withName(HTTP_PORT_NAME).withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                .addNewEnvFrom().withNewSecretRef(ManagedMetadata.configSecretName(userCounter), false).endEnvFrom()
                .withEnv(env(settings))
                .withReadinessProbe(httpProbe("/actuator/health/readiness", 3))
                .withLivenessProbe(httpProbe("/actuator/health/liveness", 6))
                // Spring Boot needs time to migrate the schema before liveness may restart it
                .withStartupProbe(httpProbe("/actuator/health/liveness", 60))
                .withResources(userCounter.getSpec().getResources())
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true)
                    .withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }

    private static List<EnvVar> env(CounterAppSettings settings) {
        return new TreeMap<>(settings.plainEnvironment()).entrySet().stream()
                .map(variable -> new EnvVar(variable.getKey(), variable.getValue(), null))
                .toList();
    }

    private static Probe httpProbe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(HTTP_PORT_NAME)).endHttpGet()
                .withPeriodSeconds(5)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
