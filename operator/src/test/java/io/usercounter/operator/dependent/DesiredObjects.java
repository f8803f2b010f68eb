package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.settings.CounterAppSettings;
import java.util.ArrayList;
import java.util.List;

/** What the reconciler's workflow would write for a UserCounter, each dependent behind its precondition. */
final class DesiredObjects {

    private DesiredObjects() {}

    static List<HasMetadata> of(UserCounter userCounter, CounterAppSettings settings) {
        var objects = new ArrayList<HasMetadata>();
        objects.add(new SecretDependent().desired(userCounter, settings));
        objects.add(new DeploymentDependent().desired(userCounter, settings));
        objects.add(new ServiceDependent().desired(userCounter, null));
        if (new IngressEnabled().isMet(null, userCounter, null)) {
            objects.add(new IngressDependent().desired(userCounter, null));
        }
        if (new ReplicasAtLeastTwo().isMet(null, userCounter, null)) {
            objects.add(new PodDisruptionBudgetDependent().desired(userCounter, null));
        }
        if (new NetworkPolicyEnabled().isMet(null, userCounter, null)) {
            objects.add(new NetworkPolicyDependent().desired(userCounter, MonitoringNamespace.NONE));
        }
        return objects;
    }
}
