package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** Reconcile precondition of the PodDisruptionBudget: with one pod, minAvailable 1 would block every drain. */
public class ReplicasAtLeastTwo implements Condition<PodDisruptionBudget, UserCounter> {

    @Override
    public boolean isMet(
            DependentResource<PodDisruptionBudget, UserCounter> dependent,
            UserCounter userCounter,
            Context<UserCounter> context) {
        return userCounter.getSpec().getReplicas() >= 2;
    }
}
