package io.usercounter.operator.settings;

import io.usercounter.operator.api.v1alpha1.RedisMode;
import io.usercounter.operator.api.v1alpha1.RedisSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The app's {@code COUNTER_REDIS_URL} in Lettuce's URI syntax: {@code redis://[:password@]host:port} (Standalone),
 * {@code redis-sentinel://[:password@]h1:p1,h2:p2#masterName} (Sentinel), or one {@code redis://} seed URI per
 * node, comma-separated (Cluster).
 */
final class RedisUri {

    private RedisUri() {}

    /** Rejects what the CRD's CEL rules reject, for an API server that enforces none of them. */
    static String of(RedisSpec redis, Optional<String> password) {
        String userInfo = password.map(value -> ":" + uriEncoded(value) + "@").orElse("");
        RedisMode mode = redis.getMode();
        return switch (mode) {
            case Standalone -> "redis://" + userInfo + standaloneHost(redis) + ":" + redis.getPort();
            case Sentinel ->
                "redis-sentinel://" + userInfo + String.join(",", nodes(redis, mode)) + "#" + masterName(redis);
            case Cluster ->
                nodes(redis, mode).stream()
                        .map(node -> "redis://" + userInfo + node)
                        .collect(Collectors.joining(","));
        };
    }

    private static String standaloneHost(RedisSpec redis) {
        if (redis.getHost() == null || redis.getHost().isEmpty()) {
            throw new IllegalArgumentException("spec.redis.host is required when spec.redis.mode is Standalone");
        }
        return redis.getHost();
    }

    private static List<String> nodes(RedisSpec redis, RedisMode mode) {
        if (redis.getNodes() == null || redis.getNodes().isEmpty()) {
            throw new IllegalArgumentException(
                    "spec.redis.nodes must list at least one host:port when spec.redis.mode is " + mode);
        }
        return redis.getNodes();
    }

    private static String masterName(RedisSpec redis) {
        if (redis.getSentinel() == null || redis.getSentinel().getMasterName() == null) {
            throw new IllegalArgumentException(
                    "spec.redis.sentinel.masterName is required when spec.redis.mode is Sentinel");
        }
        return redis.getSentinel().getMasterName();
    }

    /** Percent-encoding for the URI's user info: URLEncoder's '+' for a space would reach Redis as a '+'. */
    private static String uriEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
