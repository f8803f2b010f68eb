package io.usercounter.app.counter;

import io.usercounter.app.config.CounterProperties;
import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs the cache repairs every COUNTER_CACHE_REPAIR_PERIOD_MS, from the first moment on, on Spring's scheduler. */
@Component
class CacheRepairSchedule implements SchedulingConfigurer {

    private final CacheRepairs repairs;
    private final Duration period;

    CacheRepairSchedule(CacheRepairs repairs, CounterProperties properties) {
        this.repairs = repairs;
        this.period = properties.cacheRepairPeriod();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(repairs::repair, period);
    }
}
