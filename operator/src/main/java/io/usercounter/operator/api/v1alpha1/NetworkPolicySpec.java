package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** An optional NetworkPolicy that admits only the ingress controller and the instance's own pods. */
public class NetworkPolicySpec {

    public static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";

    @Default("false")
    private Boolean enabled = false;

    @JsonPropertyDescription("Namespace of the ingress controller whose pods may reach the counter app.")
    @Default(DEFAULT_INGRESS_NAMESPACE)
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String ingressNamespace = DEFAULT_INGRESS_NAMESPACE;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getIngressNamespace() { return ingressNamespace; }
    public void setIngressNamespace(String ingressNamespace) { this.ingressNamespace = ingressNamespace; }
}
