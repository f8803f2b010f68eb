package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.dependent.ManagedMetadata;
import java.util.Optional;
import java.util.Set;

/**
 * The app pods of the UserCounters, and no other pod of the cluster (the managed-by label, which the Deployment's
 * pod template carries): a pod that cannot start or keeps failing reconciles its UserCounter, whose status says why.
 */
final class ManagedPodsEventSource extends InformerEventSource<Pod, UserCounter> {

    public static final String NAME = "managed-pods";

    public ManagedPodsEventSource(EventSourceContext<UserCounter> context) {
        super(
                InformerEventSourceConfiguration.from(Pod.class, UserCounter.class)
                        .withName(NAME)
                        .withNamespacesInheritedFromController()
                        .withLabelSelector(ManagedMetadata.MANAGED_SELECTOR)
                        // a pod is owned by a ReplicaSet, not by the UserCounter: its instance label names the
                        // UserCounter
                        .withSecondaryToPrimaryMapper(pod -> Optional.ofNullable(
                                        pod.getMetadata().getLabels())
                                .map(labels -> labels.get(ManagedMetadata.INSTANCE_LABEL))
                                .map(name -> Set.of(
                                        new ResourceID(name, pod.getMetadata().getNamespace())))
                                .orElse(Set.of()))
                        .build(),
                context);
    }
}
