package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.IngressSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.List;

/** {@code <name>}: routes {@code spec.ingress.host} to the Service; exists only while the ingress is enabled. */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class IngressDependent extends CRUDKubernetesDependentResource<Ingress, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "ingress";

    public IngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(UserCounter userCounter, Context<UserCounter> context) {
        IngressSpec ingress = userCounter.getSpec().getIngress();
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new IngressBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withIngressClassName(ingress.getClassName())
                    .addNewRule()
                        .withHost(ingress.getHost())
                        .withNewHttp()
                            .addNewPath()
                                .withPath(ingress.getPath())
                                .withPathType("Prefix")
                                .withNewBackend()
                                    .withNewService()
                                        .withName(userCounter.getMetadata().getName())
                                        .withNewPort().withName(DeploymentDependent.HTTP_PORT_NAME).endPort()
                                    .endService()
                                .endBackend()
                            .endPath()
                        .endHttp()
                    .endRule()
                    .withTls(tls(ingress))
                .endSpec()
                .build();
        // spotless:on
    }

    private static List<IngressTLS> tls(IngressSpec ingress) {
        if (ingress.getTlsSecretName() == null) {
            return List.of();
        }
        return List.of(new IngressTLSBuilder()
                .withHosts(ingress.getHost())
                .withSecretName(ingress.getTlsSecretName())
                .build());
    }
}
