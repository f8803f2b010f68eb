package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** Reconcile precondition of the HorizontalPodAutoscaler: when it does not hold, JOSDK deletes the autoscaler. */
public class AutoscalingEnabled implements Condition<HorizontalPodAutoscaler, UserCounter> {

    @Override
    public boolean isMet(
            DependentResource<HorizontalPodAutoscaler, UserCounter> dependent,
            UserCounter userCounter,
            Context<UserCounter> context) {
        return userCounter.getSpec().autoscalingEnabled();
    }
}
