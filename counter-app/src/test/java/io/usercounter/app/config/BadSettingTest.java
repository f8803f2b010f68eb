package io.usercounter.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usercounter.app.CounterApplication;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A bad environment variable stops start-up with one line that names it (docs/architecture.md, the app's environment). */
@ExtendWith(OutputCaptureExtension.class)
class BadSettingTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            COUNTER_CONSISTENCY   | sometimes    | COUNTER_CONSISTENCY='sometimes' is invalid
            COUNTER_SYNC_INTERVAL | fast         | COUNTER_SYNC_INTERVAL='fast' is invalid: 'fast' is not a duration such as 500ms, 5s, 1m or 1h30m
            COUNTER_SYNC_INTERVAL | 50ms         | COUNTER_SYNC_INTERVAL='50ms' is invalid: must be between 100ms and 24h
            COUNTER_SYNC_INTERVAL | 25h          | COUNTER_SYNC_INTERVAL='25h' is invalid: must be between 100ms and 24h
            COUNTER_REDIS_URL     | http://redis | COUNTER_REDIS_URL='http://redis' is invalid
            COUNTER_REDIS_URL     | http://:secret@redis | COUNTER_REDIS_URL='http://***@redis' is invalid
            COUNTER_REDIS_MODE    | replicated   | COUNTER_REDIS_MODE='replicated' is invalid
            COUNTER_KEY_PREFIX    | team{a}      | COUNTER_KEY_PREFIX='team{a}' is invalid: must be 1-64 characters of A-Z a-z 0-9 _ . : -
            COUNTER_REDIS_REPLICAS_TO_CONFIRM | -1  | COUNTER_REDIS_REPLICAS_TO_CONFIRM='-1' is invalid: must be 0 or more (unset: every connected replica on Sentinel and Cluster)
            COUNTER_REDIS_REPLICAS_TO_CONFIRM | two | COUNTER_REDIS_REPLICAS_TO_CONFIRM='two' is invalid
            COUNTER_CACHE_REPAIR_PERIOD_MS | 0  | COUNTER_CACHE_REPAIR_PERIOD_MS='0' is invalid: must be positive
            SPRING_DATASOURCE_URL | mysql://db   | SPRING_DATASOURCE_URL='mysql://db' is invalid: expected jdbc:mysql://host:port/database
            """)
    void stopsStartupWithOneLineNamingTheVariable(String variable, String value, String line, CapturedOutput output) {
        SpringApplication app = new SpringApplication(CounterApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setEnvironment(environmentWith(variable, value));

        assertThatThrownBy(app::run).isInstanceOf(RuntimeException.class);

        assertThat(output.getAll().lines().filter(l -> l.contains(variable)))
                .singleElement()
                .asString()
                .startsWith(line);
        assertThat(output.getAll()).doesNotContain("secret");
    }

    private static StandardEnvironment environmentWith(String variable, String value) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value)));
        return environment;
    }
}
