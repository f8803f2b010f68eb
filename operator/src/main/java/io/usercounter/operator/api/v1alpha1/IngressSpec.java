package io.usercounter.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An optional Ingress in front of the counter service. */
@ValidationRule(value = "!(has(self.enabled) && self.enabled) || (has(self.host) && size(self.host) > 0)",
        message = "ingress.host is required when ingress.enabled is true")
public class IngressSpec {

    @Default("false")
    private Boolean enabled = false;

    @Size(min = 1, max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    private String host;

    @Size(min = 1, max = 253)
    private String className;

    @Default("/")
    @Size(min = 1, max = 1024)
    @Pattern("^/.*$")
    private String path = "/";

    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.NAME_PATTERN)
    private String tlsSecretName;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public String getClassName() { return className; }
    public void setClassName(String className) { this.className = className; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getTlsSecretName() { return tlsSecretName; }
    public void setTlsSecretName(String tlsSecretName) { this.tlsSecretName = tlsSecretName; }
}
