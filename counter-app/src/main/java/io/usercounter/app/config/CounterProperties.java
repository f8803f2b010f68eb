package io.usercounter.app.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.convert.DurationUnit;

/**
 * The counter settings, read from {@code COUNTER_*} environment variables. Each default is the
 * {@code @DefaultValue} here and nowhere else (application.yml holds only the framework's settings).
 *
 * @param consistency        COUNTER_CONSISTENCY: strong or eventual, case-insensitive
 * @param syncInterval       COUNTER_SYNC_INTERVAL: flush period, 100ms..24h
 * @param redisUrl           COUNTER_REDIS_URL: a Lettuce URI, or the Cluster's comma-separated seed URIs
 * @param keyPrefix          COUNTER_KEY_PREFIX: prefix of every Redis key
 * @param redisTimeout       COUNTER_REDIS_TIMEOUT: Redis command timeout, short so that an outage fails fast
 * @param cacheTtl           COUNTER_CACHE_TTL: lifetime of a cached database value (plus up to 10% jitter)
 * @param redisMode          COUNTER_REDIS_MODE: standalone, sentinel or cluster; unset means sentinel for a
 *                           redis-sentinel:// URL, standalone otherwise
 * @param redisReplicasToConfirm COUNTER_REDIS_REPLICAS_TO_CONFIRM: replicas that must hold a flush claim before
 *                           MySQL gets it; unset means 0 on standalone, and on Sentinel and Cluster every
 *                           replica the claim's master reports connected (on Sentinel at least 1)
 * @param cacheRepairPeriod  COUNTER_CACHE_REPAIR_PERIOD_MS: pause between two runs of the cache repairs, in
 *                           milliseconds (the operator does not set it)
 */
@ConfigurationProperties("counter")
public record CounterProperties(
        @DefaultValue("strong") Consistency consistency,
        @DefaultValue("30s") @GoStyle Duration syncInterval,
        @DefaultValue("redis://127.0.0.1:6379") String redisUrl,
        @DefaultValue("uc") String keyPrefix,
        @DefaultValue("500ms") @GoStyle Duration redisTimeout,
        @DefaultValue("10m") @GoStyle Duration cacheTtl,
        RedisMode redisMode,
        Integer redisReplicasToConfirm,

        @Name("cache-repair-period-ms") @DefaultValue(CACHE_REPAIR_PERIOD_MS) @DurationUnit(ChronoUnit.MILLIS)
        Duration cacheRepairPeriod) {

    /** The default of COUNTER_CACHE_REPAIR_PERIOD_MS, also for the constructors below that leave it out. */
    static final String CACHE_REPAIR_PERIOD_MS = "1000";

    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofHours(24);

    @ConstructorBinding
    public CounterProperties {
        if (syncInterval.compareTo(MIN_INTERVAL) < 0 || syncInterval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidSettingException(
                    "COUNTER_SYNC_INTERVAL", GoDuration.format(syncInterval), "must be between 100ms and 24h");
        }
        if (redisMode == null) {
            redisMode = RedisMode.inferredFrom(redisUrl);
        }
        // braces would break the hash tag that keeps one user's keys in one Redis Cluster slot
        if (!keyPrefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new InvalidSettingException(
                    "COUNTER_KEY_PREFIX", keyPrefix, "must be 1-64 characters of A-Z a-z 0-9 _ . : -");
        }
        if (redisTimeout.isZero() || redisTimeout.isNegative()) {
            throw new InvalidSettingException(
                    "COUNTER_REDIS_TIMEOUT", GoDuration.format(redisTimeout), "must be positive");
        }
        if (cacheTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidSettingException("COUNTER_CACHE_TTL", GoDuration.format(cacheTtl), "must be at least 1s");
        }
        RedisTarget.parse(redisMode, redisUrl, redisTimeout);
        if (redisReplicasToConfirm != null && redisReplicasToConfirm < 0) {
            throw new InvalidSettingException(
                    "COUNTER_REDIS_REPLICAS_TO_CONFIRM",
                    redisReplicasToConfirm,
                    "must be 0 or more (unset: every connected replica on Sentinel and Cluster)");
        }
        if (cacheRepairPeriod.isZero() || cacheRepairPeriod.isNegative()) {
            throw new InvalidSettingException(
                    "COUNTER_CACHE_REPAIR_PERIOD_MS", cacheRepairPeriod.toMillis(), "must be positive");
        }
    }

    /** With COUNTER_CACHE_REPAIR_PERIOD_MS unset. */
    public CounterProperties(
            Consistency consistency,
            Duration syncInterval,
            String redisUrl,
            String keyPrefix,
            Duration redisTimeout,
            Duration cacheTtl,
            RedisMode redisMode,
            Integer redisReplicasToConfirm) {
        this(
                consistency,
                syncInterval,
                redisUrl,
                keyPrefix,
                redisTimeout,
                cacheTtl,
                redisMode,
                redisReplicasToConfirm,
                Duration.ofMillis(Long.parseLong(CACHE_REPAIR_PERIOD_MS)));
    }

    /** With COUNTER_REDIS_REPLICAS_TO_CONFIRM and COUNTER_CACHE_REPAIR_PERIOD_MS unset. */
    public CounterProperties(
            Consistency consistency,
            Duration syncInterval,
            String redisUrl,
            String keyPrefix,
            Duration redisTimeout,
            Duration cacheTtl,
            RedisMode redisMode) {
        this(consistency, syncInterval, redisUrl, keyPrefix, redisTimeout, cacheTtl, redisMode, null);
    }

    /** Fresh Lettuce URIs for the configured topology, each with the command timeout. */
    public RedisTarget redisTarget() {
        return RedisTarget.parse(redisMode, redisUrl, redisTimeout);
    }
}
