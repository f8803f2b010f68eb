package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.usercounter.app.fixture.PrivateRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.ClassPathResource;

/** A Redis that may evict keys makes the replica unready; one that is away does not. */
class RedisEvictionPolicyHealthTest {

    static final PrivateRedis redis = new PrivateRedis();
    static final ClientResources resources = RedisConfiguration.resources();
    static final RedisLink link =
            new RedisLink(new SingleNodeTopology(resources, RedisURI.create(redis.url()), Duration.ofSeconds(2), null));
    final RedisEvictionPolicyHealth health = new RedisEvictionPolicyHealth(link);

    @AfterAll
    static void close() {
        link.close();
        resources.shutdown();
        redis.close();
    }

    @Test
    void noevictionIsReady() {
        link.call(commands -> commands.configSet("maxmemory-policy", "noeviction"));

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anEvictingPolicyIsNotReadyAndNamesThePolicy() {
        link.call(commands -> commands.configSet("maxmemory-policy", "allkeys-lru"));
        try {
            Health result = health.health();

            assertThat(result.getStatus()).isEqualTo(Status.DOWN);
            assertThat(result.getDetails().get("error"))
                    .isEqualTo("Redis maxmemory-policy is allkeys-lru; the counter "
                            + "service requires noeviction (any other policy can evict pending amounts and Idempotency-Keys), "
                            + "so this replica is not ready");
        } finally {
            link.call(commands -> commands.configSet("maxmemory-policy", "noeviction"));
        }
    }

    @Test
    void anUnreachableRedisLeavesReadinessToTheRestOfTheApp() {
        ClientResources own = RedisConfiguration.resources();
        try (RedisLink nowhere = new RedisLink(
                new SingleNodeTopology(own, RedisURI.create("redis://127.0.0.1:1"), Duration.ofMillis(300), null))) {
            assertThat(new RedisEvictionPolicyHealth(nowhere).health().getStatus())
                    .isEqualTo(Status.UP);
        } finally {
            own.shutdown();
        }
    }

    @Test
    void readinessIncludesThePolicyCheck() throws Exception {
        Object include = new YamlPropertySourceLoader()
                .load("app", new ClassPathResource("application.yml"))
                .get(0)
                .getProperty("management.endpoint.health.group.readiness.include");

        assertThat(include.toString().split(",")).contains("readinessState", "redisEvictionPolicy");
    }
}
