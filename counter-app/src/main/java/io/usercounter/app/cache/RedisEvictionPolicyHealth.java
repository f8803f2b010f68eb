package io.usercounter.app.cache;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: pending amounts and Idempotency-Keys live only in Redis, so a Redis that may evict keys
 * (any maxmemory-policy but noeviction) can drop acknowledged increments. A Redis that is away does not
 * count here (Strong keeps serving without it); only one that answers with another policy does.
 */
@Component("redisEvictionPolicy")
public class RedisEvictionPolicyHealth implements HealthIndicator {

    static final String REQUIRED = "noeviction";
    private static final Logger log = LoggerFactory.getLogger(RedisEvictionPolicyHealth.class);

    private final RedisLink link;
    private volatile String lastLogged = REQUIRED;

    public RedisEvictionPolicyHealth(RedisLink link) {
        this.link = link;
    }

    @Override
    public Health health() {
        Optional<String> policy;
        try {
            policy = policyIn(link.call(commands -> commands.info("memory")));
        } catch (CacheUnavailableException e) {
            return Health.up()
                    .withDetail("maxmemoryPolicy", "unknown: Redis is unavailable")
                    .build();
        }
        if (policy.isEmpty() || policy.get().equals(REQUIRED)) {
            lastLogged = REQUIRED;
            return Health.up()
                    .withDetail("maxmemoryPolicy", policy.orElse("not reported"))
                    .build();
        }
        String problem = "Redis maxmemory-policy is " + policy.get() + "; the counter service requires " + REQUIRED
                + " (any other policy can evict pending amounts and Idempotency-Keys), so this replica is not ready";
        if (!policy.get().equals(lastLogged)) {
            log.error(problem); // once per change, not on every probe
            lastLogged = policy.get();
        }
        return Health.down().withDetail("error", problem).build();
    }

    /** The value of {@code maxmemory_policy:} in the reply of {@code INFO memory}. */
    static Optional<String> policyIn(String info) {
        return info.lines()
                .filter(line -> line.startsWith("maxmemory_policy:"))
                .map(line -> line.substring("maxmemory_policy:".length()).strip())
                .findFirst();
    }
}
