package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** Reconcile precondition of the NetworkPolicy: when it does not hold, JOSDK deletes the NetworkPolicy. */
public class NetworkPolicyEnabled implements Condition<NetworkPolicy, UserCounter> {

    @Override
    public boolean isMet(
            DependentResource<NetworkPolicy, UserCounter> dependent,
            UserCounter userCounter,
            Context<UserCounter> context) {
        return userCounter.getSpec().networkPolicyEnabled();
    }
}
