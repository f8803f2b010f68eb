package io.usercounter.app.cache;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Part of /actuator/health, not of readiness: the app keeps serving (Strong) while Redis is away. */
@Component("redis")
public class RedisHealthIndicator extends AbstractHealthIndicator {

    private final CounterCache cache;

    public RedisHealthIndicator(CounterCache cache) {
        super("Redis is unavailable");
        this.cache = cache;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        cache.ping();
        builder.up();
    }
}
