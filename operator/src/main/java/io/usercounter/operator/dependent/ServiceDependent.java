package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** {@code <name>}: a ClusterIP Service, port 80 to the pods' {@code http} port. */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class ServiceDependent extends CRUDKubernetesDependentResource<Service, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "service";

    public static final int PORT = 80;

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(UserCounter userCounter, Context<UserCounter> context) {
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new ServiceBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(ManagedMetadata.podSelector(userCounter))
                    .addNewPort()
                        .withName(DeploymentDependent.HTTP_PORT_NAME)
                        .withPort(PORT)
                        .withTargetPort(new IntOrString(DeploymentDependent.HTTP_PORT_NAME))
                        .withProtocol("TCP")
                    .endPort()
                .endSpec()
                .build();
        // spotless:on
    }
}
