package io.usercounter.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
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
// kubectl get uc shows them in this order (PrinterColumnOrder undoes the generator's sorting by JSON path)
@AdditionalPrinterColumn(name = "Consistency", jsonPath = ".spec.consistency")
@AdditionalPrinterColumn(name = "Sync", jsonPath = ".spec.syncInterval")
// JSONPath cannot join readyReplicas and replicas, so the status carries the "2/2" text itself
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready")
// why it is (not) ready in one word: AllReplicasReady, ReplicasNotReady, SecretNotFound, InvalidSpec...
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
// the name becomes a Service name (a DNS-1035 label) and, with the longest suffix, the config Secret's name and labels
@ValidationRule(
        value = "self.metadata.name.matches('" + UserCounter.NAME_PATTERN + "') && size(self.metadata.name) <= "
                + UserCounter.MAX_NAME_LENGTH,
        message = UserCounter.NAME_MESSAGE)
public class UserCounter extends CustomResource<UserCounterSpec, UserCounterStatus> implements Namespaced {

    public static final String GROUP = "usercounter.io";
    public static final String VERSION = "v1alpha1";
    /** The longest suffix the operator appends to the name: the config Secret's. */
    public static final String CONFIG_SUFFIX = "-config";
    /** 63 (a label value, a Service name) minus the 7 of CONFIG_SUFFIX; a literal, as annotation values must be. */
    public static final int MAX_NAME_LENGTH = 56;
    /** A DNS-1035 label: what a Service name must be. */
    public static final String NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    public static final String NAME_MESSAGE = "metadata.name must be a DNS-1035 label (lower-case letters, digits and "
            + "'-', starting with a letter, ending with a letter or digit) of at most " + MAX_NAME_LENGTH
            + " characters, so that " + CONFIG_SUFFIX + " can be appended";

    /** Without a spec there is nothing to run, and the API server says so rather than the operator's status. */
    @Override
    @Required
    public UserCounterSpec getSpec() {
        return super.getSpec();
    }

    @Override
    protected UserCounterSpec initSpec() {
        return new UserCounterSpec();
    }
}
