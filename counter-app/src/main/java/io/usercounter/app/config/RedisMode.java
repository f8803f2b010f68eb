package io.usercounter.app.config;

import java.util.Locale;

/** COUNTER_REDIS_MODE: which Redis topology COUNTER_REDIS_URL describes. */
public enum RedisMode {
    STANDALONE,
    SENTINEL,
    CLUSTER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The default when COUNTER_REDIS_MODE is unset: a redis-sentinel:// URL means Sentinel. */
    static RedisMode inferredFrom(String url) {
        return url.startsWith(RedisTarget.SENTINEL_SCHEME + "://") ? SENTINEL : STANDALONE;
    }
}
