package io.usercounter.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.config.CounterProperties;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FlushScheduleTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();

    @AfterAll
    static void dropStores() {
        redis.close();
        database.close();
    }

    @Test
    void flushesEverySyncIntervalAndOnceMoreOnStop() {
        try (TestReplica replica = new TestReplica(database, redis, Consistency.EVENTUAL)) {
            CounterProperties every200ms = new CounterProperties(
                    Consistency.EVENTUAL,
                    Duration.ofMillis(200),
                    redis.url(),
                    redis.prefix(),
                    Duration.ofMillis(500),
                    Duration.ofMinutes(10),
                    null);
            FlushSchedule schedule = new FlushSchedule(replica.flusher, every200ms, replica.metrics);
            long user = replica.createUser("scheduled");
            schedule.start();

            replica.counters.increment(user, 3, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> mysqlCounter(user) == 3);
            replica.counters.increment(user, 4, null);
            schedule.stop();

            assertThat(mysqlCounter(user)).isEqualTo(7);
        }
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
