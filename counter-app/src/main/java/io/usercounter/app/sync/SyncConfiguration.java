package io.usercounter.app.sync;

import io.usercounter.app.cache.CounterCache;
import io.usercounter.app.metrics.CounterMetrics;
import io.usercounter.app.store.UserStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean(destroyMethod = "close")
    Flusher flusher(CounterCache cache, UserStore store, CounterMetrics metrics, ObjectProvider<FlushHook> hook) {
        return new Flusher(cache, store, metrics, hook.getIfAvailable(() -> FlushHook.NONE));
    }
}
