package io.usercounter.app.cache;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.usercounter.app.config.CounterProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    ClientResources lettuceResources() {
        return resources();
    }

    @Bean(destroyMethod = "shutdown")
    RedisTopology redisTopology(ClientResources lettuceResources, CounterProperties properties) {
        return topology(lettuceResources, properties);
    }

    @Bean(destroyMethod = "close")
    RedisLink redisLink(RedisTopology topology) {
        return new RedisLink(topology);
    }

    @Bean
    CounterCache counterCache(RedisLink link, CounterProperties properties, SeqFloors seqFloors) {
        return new CounterCache(
                link,
                new CounterKeys(properties.keyPrefix()),
                properties.cacheTtl(),
                properties.redisTimeout(),
                seqFloors);
    }

    /**
     * Reconnect attempts back off to at most 2s, so the cache is back soon after Redis is. No
     * per-command latency recording: nothing reads it, and it costs CPU on every increment.
     */
    public static ClientResources resources() {
        return DefaultClientResources.builder()
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    public static RedisTopology topology(ClientResources resources, CounterProperties properties) {
        return RedisTopology.of(
                resources, properties.redisTarget(), properties.redisTimeout(), properties.redisReplicasToConfirm());
    }
}
