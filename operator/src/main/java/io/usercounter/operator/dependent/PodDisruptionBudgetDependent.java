package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** {@code <name>}: keeps one pod up through voluntary disruptions; exists only while replicas >= 2. */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class PodDisruptionBudgetDependent extends CRUDKubernetesDependentResource<PodDisruptionBudget, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "pdb";

    public PodDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(UserCounter userCounter, Context<UserCounter> context) {
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        return new PodDisruptionBudgetBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()))
                .withNewSpec()
                    .withMinAvailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(ManagedMetadata.podSelector(userCounter)).endSelector()
                .endSpec()
                .build();
        // spotless:on
    }
}
