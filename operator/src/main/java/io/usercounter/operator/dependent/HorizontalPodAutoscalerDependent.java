package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.usercounter.operator.api.v1alpha1.AutoscalingSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/**
 * {@code <name>}: scales the UserCounter itself through its scale subresource, as the OpenTelemetry operator's HPA
 * scales its collector resource, so spec.replicas stays the one number the Deployment, the PodDisruptionBudget
 * and the status follow. Exists only while spec.autoscaling is set.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class HorizontalPodAutoscalerDependent
        extends CRUDKubernetesDependentResource<HorizontalPodAutoscaler, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "horizontalpodautoscaler";

    public HorizontalPodAutoscalerDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    /** JOSDK finds the autoscaler to delete by this; its default asks desired(), which needs spec.autoscaling. */
    @Override
    protected ResourceID targetSecondaryResourceID(UserCounter userCounter, Context<UserCounter> context) {
        return ResourceID.fromResource(userCounter);
    }

    @Override
    protected HorizontalPodAutoscaler desired(UserCounter userCounter, Context<UserCounter> context) {
        AutoscalingSpec autoscaling = userCounter.getSpec().getAutoscaling();
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withNewScaleTargetRef()
                        .withApiVersion(userCounter.getApiVersion())
                        .withKind(userCounter.getKind())
                        .withName(userCounter.getMetadata().getName())
                    .endScaleTargetRef()
                    .withMinReplicas(autoscaling.getMinReplicas())
                    .withMaxReplicas(autoscaling.getMaxReplicas())
                    .addNewMetric()
                        .withType("Resource")
                        .withNewResource()
                            .withName("cpu")
                            .withNewTarget()
                                .withType("Utilization")
                                .withAverageUtilization(autoscaling.getTargetCPUUtilizationPercentage())
                            .endTarget()
                        .endResource()
                    .endMetric()
                .endSpec()
                .build();
        // spotless:on
    }
}
