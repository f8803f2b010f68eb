package io.usercounter.app.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.config.CounterProperties;
import io.usercounter.app.config.GoDurationConverter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** COUNTER_CACHE_REPAIR_PERIOD_MS (counter.cache-repair-period-ms) paces the cache repairs, 1000 ms unless set. */
class CacheRepairScheduleTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void repairsRunAtOnceAndThenEverySecondByDefault() {
        app.run(context -> {
            assertThat(repairDelays(context.getBean(ScheduledTaskHolder.class))).containsExactly(Duration.ofSeconds(1));
            assertThat(context.getBean(Wiring.class).runs.await(5, TimeUnit.SECONDS))
                    .isTrue();
        });
    }

    @Test
    void theSettingChangesThePeriod() {
        app.withPropertyValues("counter.cache-repair-period-ms=250")
                .run(context -> assertThat(repairDelays(context.getBean(ScheduledTaskHolder.class)))
                        .containsExactly(Duration.ofMillis(250)));
    }

    private static Object[] repairDelays(ScheduledTaskHolder tasks) {
        return tasks.getScheduledTasks().stream()
                .map(scheduled -> scheduled.getTask())
                .filter(FixedDelayTask.class::isInstance)
                .map(task -> ((FixedDelayTask) task).getIntervalDuration())
                .toArray();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableConfigurationProperties(CounterProperties.class)
    @Import({GoDurationConverter.class, CacheRepairSchedule.class})
    static class Wiring {

        final CountDownLatch runs = new CountDownLatch(1);

        @Bean
        CacheRepairs repairs() {
            return new CacheRepairs(null, null) {
                @Override
                public void repair() {
                    runs.countDown();
                }
            };
        }
    }
}
