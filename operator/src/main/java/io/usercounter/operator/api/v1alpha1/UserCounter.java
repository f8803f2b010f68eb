package io.usercounter.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A counter service that the operator runs: {@code kubectl get uc}. */
@Group(UserCounter.GROUP)
@Version(UserCounter.VERSION)
@Kind("UserCounter")
@Plural("usercounters")
@Singular("usercounter")
@ShortNames("uc")
@AdditionalPrinterColumn(name = "Consistency", jsonPath = ".spec.consistency")
@AdditionalPrinterColumn(name = "Sync", jsonPath = ".spec.syncInterval")
// JSONPath cannot join readyReplicas and replicas, so the status carries the "2/2" text itself
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class UserCounter extends CustomResource<UserCounterSpec, UserCounterStatus> implements Namespaced {

    public static final String GROUP = "usercounter.io";
    public static final String VERSION = "v1alpha1";

    @Override
    protected UserCounterSpec initSpec() {
        return new UserCounterSpec();
    }
}
