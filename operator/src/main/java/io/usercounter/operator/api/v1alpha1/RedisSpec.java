package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Where the counter app's Redis is: one server, or the nodes of a Sentinel set or a Cluster. */
// an absent mode counts as Standalone, so that the rules also hold before the API server applies the default
@ValidationRule(
        value = "(has(self.mode) && self.mode != 'Standalone') || has(self.host)",
        message = "redis.host is required when redis.mode is Standalone")
@ValidationRule(
        value = "(has(self.mode) && self.mode != 'Standalone') || !has(self.nodes)",
        message = "redis.nodes is only used when redis.mode is Sentinel or Cluster; set redis.host instead")
@ValidationRule(
        value = "!has(self.mode) || self.mode == 'Standalone' || (has(self.nodes) && size(self.nodes) > 0)",
        message = "redis.nodes must list at least one host:port when redis.mode is Sentinel or Cluster")
@ValidationRule(
        value = "!has(self.mode) || self.mode == 'Standalone' || !has(self.host)",
        message = "redis.host is only used when redis.mode is Standalone; list the servers in redis.nodes")
@ValidationRule(
        value = "!has(self.mode) || self.mode != 'Sentinel' || (has(self.sentinel) && has(self.sentinel.masterName))",
        message = "redis.sentinel.masterName is required when redis.mode is Sentinel")
@ValidationRule(
        value = "!has(self.sentinel) || (has(self.mode) && self.mode == 'Sentinel')",
        message = "redis.sentinel is only used when redis.mode is Sentinel")
public class RedisSpec {

    /** An IPv4 address, or a DNS name whose last label starts with a letter (what java.net.URI reads as a host). */
    private static final String HOST =
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}"
                    + "|([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?\\.)*[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?)";

    public static final String HOST_PATTERN = "^" + HOST + "$";
    /** {@code host:port} with a port from 1 to 65535. */
    public static final String NODE_PATTERN =
            "^" + HOST + ":([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";

    private static final String DEFAULT_MODE = "Standalone";
    private static final String DEFAULT_PORT = "6379";

    @JsonPropertyDescription(
            "Standalone (host and port), Sentinel (Sentinels in nodes, sentinel.masterName) or Cluster (seed nodes).")
    @Default(DEFAULT_MODE)
    private RedisMode mode = RedisMode.valueOf(DEFAULT_MODE);

    @JsonPropertyDescription("The Redis server of mode Standalone.")
    @Size(min = 1, max = 253)
    @Pattern(HOST_PATTERN)
    private String host;

    @Default(DEFAULT_PORT)
    @Min(1)
    @Max(65535)
    private Integer port = Integer.valueOf(DEFAULT_PORT);

    @JsonPropertyDescription("host:port of every Sentinel (mode Sentinel) or of the seed nodes (mode Cluster).")
    @Size(min = 1, max = 16)
    private List<@Size(min = 3, max = 259) @Pattern(NODE_PATTERN) String> nodes;

    private SentinelSpec sentinel;

    @JsonPropertyDescription("Secret key holding the Redis password; no password when absent.")
    private SecretKeyRef passwordSecretRef;

    public RedisMode getMode() {
        return mode;
    }

    public void setMode(RedisMode mode) {
        this.mode = mode;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public List<String> getNodes() {
        return nodes;
    }

    public void setNodes(List<String> nodes) {
        this.nodes = nodes;
    }

    public SentinelSpec getSentinel() {
        return sentinel;
    }

    public void setSentinel(SentinelSpec sentinel) {
        this.sentinel = sentinel;
    }

    public SecretKeyRef getPasswordSecretRef() {
        return passwordSecretRef;
    }

    public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
        this.passwordSecretRef = passwordSecretRef;
    }
}
