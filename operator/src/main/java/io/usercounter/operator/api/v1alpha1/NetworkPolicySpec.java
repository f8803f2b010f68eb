package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/** An optional NetworkPolicy: who may connect to the counter app's port http. */
public class NetworkPolicySpec {

    private static final String DEFAULT_ENABLED = "false";
    private static final String DEFAULT_ALLOW_SAME_NAMESPACE = "true";
    private static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";

    @Default(DEFAULT_ENABLED)
    private Boolean enabled = Boolean.valueOf(DEFAULT_ENABLED);

    @JsonPropertyDescription("Every pod of the UserCounter's namespace may connect; when false only its own pods.")
    @Default(DEFAULT_ALLOW_SAME_NAMESPACE)
    private Boolean allowSameNamespace = Boolean.valueOf(DEFAULT_ALLOW_SAME_NAMESPACE);

    @JsonPropertyDescription("Further clients that may connect: NetworkPolicy peers (namespaceSelector, podSelector).")
    @Size(max = 16)
    private List<NetworkPolicyPeer> from;

    @JsonPropertyDescription("Namespace of the ingress controller whose pods may connect while spec.ingress.enabled.")
    @Default(DEFAULT_INGRESS_NAMESPACE)
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String ingressNamespace = DEFAULT_INGRESS_NAMESPACE;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Boolean getAllowSameNamespace() {
        return allowSameNamespace;
    }

    public void setAllowSameNamespace(Boolean allowSameNamespace) {
        this.allowSameNamespace = allowSameNamespace;
    }

    public List<NetworkPolicyPeer> getFrom() {
        return from;
    }

    public void setFrom(List<NetworkPolicyPeer> from) {
        this.from = from;
    }

    public String getIngressNamespace() {
        return ingressNamespace;
    }

    public void setIngressNamespace(String ingressNamespace) {
        this.ingressNamespace = ingressNamespace;
    }
}
