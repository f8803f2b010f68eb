package io.usercounter.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.usercounter.app.config.CounterProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    RedisClient redisClient(ClientResources lettuceResources, CounterProperties properties) {
        return client(lettuceResources, properties.redisUrl(), properties.redisTimeout());
    }

    @Bean
    Map<String, LuaScript> counterScripts() {
        return CounterCache.loadScripts();
    }

    @Bean(destroyMethod = "close")
    RedisLink redisLink(RedisClient client, Map<String, LuaScript> counterScripts) {
        return new RedisLink(client, List.copyOf(counterScripts.values()));
    }

    @Bean
    CounterCache counterCache(RedisLink link, Map<String, LuaScript> counterScripts, CounterProperties properties) {
        return new CounterCache(link, new CounterKeys(properties.keyPrefix()), properties.cacheTtl(), counterScripts);
    }

    /** Reconnect attempts back off to at most 2s, so the cache is back soon after Redis is. */
    public static ClientResources resources() {
        return DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /** Fails fast while Redis is away: short timeouts, and commands are rejected rather than queued. */
    public static RedisClient client(ClientResources resources, String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        return client;
    }
}
