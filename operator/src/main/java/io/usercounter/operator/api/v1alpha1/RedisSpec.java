package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where the counter app's Redis is. */
public class RedisSpec {

    /** A DNS name or an IPv4 address. */
    public static final String HOST_PATTERN = "^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(HOST_PATTERN)
    private String host;

    @Default("6379")
    @Min(1)
    @Max(65535)
    private Integer port = 6379;

    @JsonPropertyDescription("Secret key holding the Redis password; no password when absent.")
    private SecretKeyRef passwordSecretRef;

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public SecretKeyRef getPasswordSecretRef() { return passwordSecretRef; }
    public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) { this.passwordSecretRef = passwordSecretRef; }
}
