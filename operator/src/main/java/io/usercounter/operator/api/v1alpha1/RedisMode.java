package io.usercounter.operator.api.v1alpha1;

import java.util.Locale;

/** How the counter app reaches Redis: one server, a Sentinel-managed master, or a Redis Cluster. */
public enum RedisMode {
    /** One server at {@code redis.host:redis.port}. */
    Standalone,
    /** The master that the Sentinels in {@code redis.nodes} name {@code redis.sentinel.masterName}. */
    Sentinel,
    /** A Redis Cluster discovered from the seed nodes in {@code redis.nodes}. */
    Cluster;

    /** The value of the app's {@code COUNTER_REDIS_MODE} variable. */
    public String appValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
