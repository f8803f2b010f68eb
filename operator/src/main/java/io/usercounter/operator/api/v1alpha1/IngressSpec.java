package io.usercounter.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An optional Ingress in front of the counter service. */
@ValidationRule(
        value = "!(has(self.enabled) && self.enabled) || (has(self.host) && size(self.host) > 0)",
        message = "ingress.host is required when ingress.enabled is true")
public class IngressSpec {

    /** A lower-case DNS name whose last label starts with a letter: the Ingress API refuses IP addresses as hosts. */
    public static final String HOST_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z]([-a-z0-9]*[a-z0-9])?$";
    /**
     * Segments of letters, digits, '_' and '-': what the Ingress API (no '//', '.' or '..' segments, '%2F') and
     * ingress-nginx's strict validation of pathType Prefix (strict-validate-path-type) both accept.
     */
    public static final String PATH_PATTERN = "^(/[A-Za-z0-9_-]+)*/?$";

    private static final String DEFAULT_ENABLED = "false";
    private static final String DEFAULT_PATH = "/";

    @Default(DEFAULT_ENABLED)
    private Boolean enabled = Boolean.valueOf(DEFAULT_ENABLED);

    @Size(min = 1, max = 253)
    @Pattern(HOST_PATTERN)
    private String host;

    @Size(min = 1, max = 253)
    private String className;

    @Default(DEFAULT_PATH)
    @Size(min = 1, max = 1024)
    @Pattern(PATH_PATTERN)
    private String path = DEFAULT_PATH;

    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.NAME_PATTERN)
    private String tlsSecretName;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getTlsSecretName() {
        return tlsSecretName;
    }

    public void setTlsSecretName(String tlsSecretName) {
        this.tlsSecretName = tlsSecretName;
    }
}
