package io.usercounter.operator.settings;

import java.util.Optional;

/** Settings as the resolver makes them for {@code team-a/demo}. */
public final class TestSettings {

    private TestSettings() {}

    public static CounterAppSettings demo() {
        return new CounterAppSettings(
                "registry.test/counter-app:1.0",
                "eventual",
                "5s",
                "uc-team-a-demo",
                "jdbc:mysql://mysql.infra:3306/counters_demo",
                "counter",
                "s3cret",
                "standalone",
                "redis://:pw@redis.infra:6379",
                Optional.empty());
    }
}
