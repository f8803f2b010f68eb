package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.operator.TestUserCounters;
import io.usercounter.operator.settings.CounterAppSettings;
import io.usercounter.operator.settings.TestSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretDependentTest {

    @Test
    void holdsTheCredentialSettingsBase64Encoded() {
        var secret = new SecretDependent().desired(TestUserCounter.demo(), TestSettings.demo());

        assertThat(secret.getMetadata().getName()).isEqualTo("demo-config");
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData())
                .containsOnlyKeys(
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "COUNTER_REDIS_MODE",
                        "COUNTER_REDIS_URL");
        assertThat(TestUserCounters.decoded(secret, "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo("s3cret");
        assertThat(TestUserCounters.decoded(secret, "COUNTER_REDIS_URL")).isEqualTo("redis://:pw@redis.infra:6379");
        assertThat(TestUserCounters.decoded(secret, "COUNTER_REDIS_MODE")).isEqualTo("standalone");
    }

    @Test
    void holdsTheAuthTokenWhenTheSpecProtectsWrites() {
        var demo = TestSettings.demo();
        var settings = new CounterAppSettings(
                demo.image(),
                demo.consistency(),
                demo.syncInterval(),
                demo.keyPrefix(),
                demo.datasourceUrl(),
                demo.datasourceUsername(),
                demo.datasourcePassword(),
                demo.redisMode(),
                demo.redisUrl(),
                Optional.of("t0ken"));

        var secret = new SecretDependent().desired(TestUserCounter.demo(), settings);

        assertThat(TestUserCounters.decoded(secret, "COUNTER_AUTH_TOKEN")).isEqualTo("t0ken");
    }
}
