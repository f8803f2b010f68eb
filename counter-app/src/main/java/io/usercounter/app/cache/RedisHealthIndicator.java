package io.usercounter.app.cache;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of /actuator/health, not of readiness: the app keeps serving (Strong) while Redis is away.
 * An outage is reported, not logged with a stack trace on every probe.
 */
@Component("redis")
public class RedisHealthIndicator implements HealthIndicator {

    private final CounterCache cache;

    public RedisHealthIndicator(CounterCache cache) {
        this.cache = cache;
    }

    @Override
    public Health health() {
        try {
            cache.ping();
            return Health.up().build();
        } catch (CacheUnavailableException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
