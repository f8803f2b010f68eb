package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.NetworkPolicySpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <name>}: the app pods' port {@code http} admits every pod of the namespace (or, with
 * {@code allowSameNamespace: false}, the instance's own pods), the ingress controller's namespace while the Ingress is
 * enabled, the operator's monitoring namespace (Prometheus scrapes that port), and the peers of
 * {@code spec.networkPolicy.from}; exists only while {@code spec.networkPolicy.enabled}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "network-policy";

    /** Set by the API server on every namespace since Kubernetes 1.21. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(UserCounter userCounter, Context<UserCounter> context) {
        return desired(userCounter, MonitoringNamespace.from(context));
    }

    NetworkPolicy desired(UserCounter userCounter, MonitoringNamespace monitoring) {
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new NetworkPolicyBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(ManagedMetadata.podSelector(userCounter)).endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                        .withFrom(peers(userCounter, monitoring))
                        .addNewPort()
                            .withPort(new IntOrString(DeploymentDependent.HTTP_PORT_NAME))
                            .withProtocol("TCP")
                        .endPort()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
    }

    private static List<NetworkPolicyPeer> peers(UserCounter userCounter, MonitoringNamespace monitoring) {
        NetworkPolicySpec spec = userCounter.getSpec().getNetworkPolicy();
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        // an empty pod selector without a namespace selector is every pod of the policy's own namespace
        peers.add(
                spec.getAllowSameNamespace()
                        ? new NetworkPolicyPeerBuilder()
                                .withPodSelector(new LabelSelector())
                                .build()
                        : new NetworkPolicyPeerBuilder()
                                .withNewPodSelector()
                                .withMatchLabels(ManagedMetadata.podSelector(userCounter))
                                .endPodSelector()
                                .build());
        if (userCounter.getSpec().ingressEnabled()) {
            peers.add(namespace(spec.getIngressNamespace()));
        }
        monitoring.name().ifPresent(namespace -> peers.add(namespace(namespace)));
        if (spec.getFrom() != null) {
            peers.addAll(spec.getFrom());
        }
        return peers;
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, name))
                .endNamespaceSelector()
                .build();
    }
}
