package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.Map;

/**
 * {@code <name>}: the app pods' port {@code http} admits only the instance's own pods and the ingress controller's
 * namespace; exists only while {@code spec.networkPolicy.enabled}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, UserCounter> {

    /** Set by the API server on every namespace since Kubernetes 1.21. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(UserCounter userCounter, Context<UserCounter> context) {
        return new NetworkPolicyBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(ManagedMetadata.podSelector(userCounter)).endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector().withMatchLabels(ManagedMetadata.podSelector(userCounter)).endPodSelector()
                        .endFrom()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL,
                                        userCounter.getSpec().getNetworkPolicy().getIngressNamespace()))
                            .endNamespaceSelector()
                        .endFrom()
                        .addNewPort()
                            .withPort(new IntOrString(DeploymentDependent.HTTP_PORT_NAME))
                            .withProtocol("TCP")
                        .endPort()
                    .endIngress()
                .endSpec()
                .build();
    }
}
