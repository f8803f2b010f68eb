package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** Reconcile precondition of the Ingress: when it does not hold, JOSDK deletes the Ingress. */
public class IngressEnabled implements Condition<Ingress, UserCounter> {

    @Override
    public boolean isMet(
            DependentResource<Ingress, UserCounter> dependent, UserCounter userCounter, Context<UserCounter> context) {
        return userCounter.getSpec().ingressEnabled();
    }
}
