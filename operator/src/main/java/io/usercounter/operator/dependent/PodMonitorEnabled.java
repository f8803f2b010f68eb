package io.usercounter.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** Reconcile precondition of the PodMonitor: when it does not hold, JOSDK deletes the PodMonitor. */
public class PodMonitorEnabled implements Condition<PodMonitor, UserCounter> {

    @Override
    public boolean isMet(
            DependentResource<PodMonitor, UserCounter> dependent,
            UserCounter userCounter,
            Context<UserCounter> context) {
        return userCounter.getSpec().podMonitorEnabled();
    }
}
