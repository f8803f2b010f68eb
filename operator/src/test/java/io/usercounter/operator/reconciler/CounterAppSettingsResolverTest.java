package io.usercounter.operator.reconciler;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.usercounter.operator.api.v1alpha1.Consistency;
import org.junit.jupiter.api.Test;

class CounterAppSettingsResolverTest {

    final CounterAppSettingsResolver resolver = new CounterAppSettingsResolver("registry.test/counter-app:default");
    final SecretLookup secrets = TestSecrets.of(mysqlSecret("team-a", "s3cret"), redisSecret("team-a", "p@ss:w/rd +"));

    @Test
    void usesTheOperatorsDefaultImageWhenTheSpecNamesNone() {
        assertThat(resolver.resolve(userCounter("team-a", "demo"), secrets).image())
                .isEqualTo("registry.test/counter-app:default");
    }

    @Test
    void usesTheSpecsImageWhenItNamesOne() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().setImage("registry.test/counter-app:2.0");

        assertThat(resolver.resolve(userCounter, secrets).image()).isEqualTo("registry.test/counter-app:2.0");
    }

    @Test
    void buildsTheJdbcUrlAndCredentialsFromTheSpecAndTheMysqlSecret() {
        var settings = resolver.resolve(userCounter("team-a", "demo"), secrets);

        assertThat(settings.datasourceUrl()).isEqualTo("jdbc:mysql://mysql.infra:3306/counters_demo");
        assertThat(settings.datasourceUsername()).isEqualTo("counter");
        assertThat(settings.datasourcePassword()).isEqualTo("s3cret");
    }

    @Test
    void percentEncodesTheRedisPasswordIntoTheUrl() {
        assertThat(resolver.resolve(userCounter("team-a", "demo"), secrets).redisUrl())
                .isEqualTo("redis://:p%40ss%3Aw%2Frd%20%2B@redis.infra:6379");
    }

    @Test
    void leavesThePasswordOutOfTheRedisUrlWithoutAPasswordSecret() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().getRedis().setPasswordSecretRef(null);
        userCounter.getSpec().getRedis().setPort(6380);

        assertThat(resolver.resolve(userCounter, secrets).redisUrl()).isEqualTo("redis://redis.infra:6380");
    }

    @Test
    void keyPrefixIsUniquePerNamespaceAndName() {
        assertThat(resolver.resolve(userCounter("team-a", "demo"), secrets).keyPrefix()).isEqualTo("uc-team-a-demo");
    }

    @Test
    void writesConsistencyAndSyncIntervalAsTheAppReadsThem() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().setConsistency(Consistency.Strong);
        userCounter.getSpec().setSyncInterval("1m30s");

        var settings = resolver.resolve(userCounter, secrets);

        assertThat(settings.consistency()).isEqualTo("strong");
        assertThat(settings.syncInterval()).isEqualTo("90s");
    }

    @Test
    void readsStringDataOfASecretThatWasNeverNormalised() {
        var stringDataOnly = new SecretBuilder().withNewMetadata().withName("mysql-creds").endMetadata()
                .addToStringData("username", "plain").addToStringData("password", "text").build();

        var settings = resolver.resolve(userCounter("team-a", "demo"),
                TestSecrets.of(stringDataOnly, redisSecret("team-a", "pw")));

        assertThat(settings.datasourceUsername()).isEqualTo("plain");
        assertThat(settings.datasourcePassword()).isEqualTo("text");
    }

    @Test
    void rejectsASyncIntervalTheApiServerShouldHaveRejected() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().setSyncInterval("2x");

        assertThatThrownBy(() -> resolver.resolve(userCounter, secrets))
                .hasMessage("spec.syncInterval '2x' is not a duration such as 500ms, 5s or 1m30s");
    }
}
