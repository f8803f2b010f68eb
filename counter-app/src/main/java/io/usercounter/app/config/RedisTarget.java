package io.usercounter.app.config;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * COUNTER_REDIS_URL read for its mode: one URI (Standalone, or the Sentinel set with its master name)
 * or the Cluster's seed nodes.
 */
public record RedisTarget(RedisMode mode, List<RedisURI> uris) {

    static final String SENTINEL_SCHEME = "redis-sentinel";
    private static final Set<String> NODE_SCHEMES = Set.of("redis", "rediss");
    private static final String VARIABLE = "COUNTER_REDIS_URL";

    /** Reads {@code url} for {@code mode}; every URI carries the command timeout (Lettuce uses it towards sentinels too). */
    public static RedisTarget parse(RedisMode mode, String url, Duration timeout) {
        RedisTarget target = switch (mode) {
            case STANDALONE ->
                new RedisTarget(
                        mode,
                        List.of(
                                node(
                                        url,
                                        url,
                                        "expected redis://[:password@]host:port[/db] or rediss:// for COUNTER_REDIS_MODE=standalone")));
            case SENTINEL -> new RedisTarget(mode, List.of(sentinel(url)));
            case CLUSTER ->
                new RedisTarget(
                        mode,
                        Arrays.stream(url.split(",", -1))
                                .map(
                                        seed -> node(
                                                url,
                                                seed.strip(),
                                                "expected comma-separated seed nodes"
                                                        + " redis://[:password@]host:port,redis://[:password@]host:port for COUNTER_REDIS_MODE=cluster"))
                                .toList());
        };
        target.uris.forEach(uri -> {
            uri.setTimeout(timeout);
            uri.getSentinels().forEach(sentinel -> sentinel.setTimeout(timeout));
        });
        return target;
    }

    private static RedisURI node(String url, String part, String expected) {
        RedisURI uri = lettuceUri(url, part, expected);
        if (!NODE_SCHEMES.contains(schemeOf(part))) {
            throw invalid(url, expected);
        }
        return uri;
    }

    private static RedisURI sentinel(String url) {
        String expected = "expected redis-sentinel://[:password@]host:port[,host:port...]#masterName"
                + " for COUNTER_REDIS_MODE=sentinel";
        RedisURI uri = lettuceUri(url, url, expected);
        if (!SENTINEL_SCHEME.equals(schemeOf(url))
                || uri.getSentinelMasterId() == null
                || uri.getSentinelMasterId().isBlank()
                || uri.getSentinels().isEmpty()) {
            throw invalid(url, expected);
        }
        return uri;
    }

    private static RedisURI lettuceUri(String url, String part, String expected) {
        try {
            RedisURI uri = RedisURI.create(part);
            if (uri.getHost() == null && uri.getSentinels().isEmpty() && uri.getSocket() == null) {
                throw invalid(url, expected);
            }
            return uri;
        } catch (RuntimeException e) {
            throw invalid(url, expected);
        }
    }

    private static String schemeOf(String uri) {
        int end = uri.indexOf("://");
        return end < 0 ? "" : uri.substring(0, end);
    }

    private static InvalidSettingException invalid(String url, String expected) {
        return new InvalidSettingException(VARIABLE, withoutPassword(url), expected);
    }

    /** A password in the URL must not reach the log, even in an error (every seed may carry one). */
    static String withoutPassword(String url) {
        return url.replaceAll("//[^@/,]*@", "//***@");
    }
}
