package io.usercounter.operator.settings;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static io.usercounter.operator.TestUserCounters.secret;
import static io.usercounter.operator.TestUserCounters.userCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.usercounter.operator.api.v1alpha1.AuthSpec;
import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.RedisMode;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import io.usercounter.operator.api.v1alpha1.SentinelSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.List;
import java.util.Map;
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
    void standaloneIsTheDefaultRedisMode() {
        assertThat(resolver.resolve(userCounter("team-a", "demo"), secrets).redisMode())
                .isEqualTo("standalone");
    }

    @Test
    void sentinelModeListsTheSentinelsAndNamesTheMasterInTheFragment() {
        var userCounter = sentinel(List.of("sentinel-0.infra:26379", "10.0.0.7:26380"), "counters");

        var settings = resolver.resolve(userCounter, secrets);

        assertThat(settings.redisMode()).isEqualTo("sentinel");
        assertThat(settings.redisUrl())
                .isEqualTo("redis-sentinel://:p%40ss%3Aw%2Frd%20%2B@sentinel-0.infra:26379,10.0.0.7:26380#counters");
    }

    @Test
    void clusterModeGivesOneSeedUriPerNodeEachWithThePassword() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().getRedis().setMode(RedisMode.Cluster);
        userCounter.getSpec().getRedis().setHost(null);
        userCounter.getSpec().getRedis().setNodes(List.of("redis-0.infra:6379", "redis-1.infra:6380"));
        userCounter.getSpec().getRedis().getPasswordSecretRef().setName("plain-redis");

        var settings = resolver.resolve(
                userCounter,
                TestSecrets.of(
                        mysqlSecret("team-a", "s3cret"), secret("team-a", "plain-redis", Map.of("password", "pw"))));

        assertThat(settings.redisMode()).isEqualTo("cluster");
        assertThat(settings.redisUrl()).isEqualTo("redis://:pw@redis-0.infra:6379,redis://:pw@redis-1.infra:6380");
    }

    @Test
    void rejectsASentinelSetWithoutAMasterNameTheApiServerShouldHaveRejected() {
        var userCounter = sentinel(List.of("sentinel-0.infra:26379"), null);
        userCounter.getSpec().getRedis().setSentinel(null);

        assertThatThrownBy(() -> resolver.resolve(userCounter, secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.redis.sentinel.masterName is required when spec.redis.mode is Sentinel");
    }

    @Test
    void rejectsAClusterWithoutNodesTheApiServerShouldHaveRejected() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().getRedis().setMode(RedisMode.Cluster);

        assertThatThrownBy(() -> resolver.resolve(userCounter, secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.redis.nodes must list at least one host:port when spec.redis.mode is Cluster");
    }

    @Test
    void readsTheAuthTokenFromItsSecretWhenTheSpecNamesOne() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().setAuth(new AuthSpec(new SecretKeyRef("api-token", "token")));

        var settings = resolver.resolve(
                userCounter,
                TestSecrets.of(
                        mysqlSecret("team-a", "s3cret"),
                        redisSecret("team-a", "pw"),
                        secret("team-a", "api-token", Map.of("token", "t0ken"))));

        assertThat(settings.authToken()).contains("t0ken");
    }

    @Test
    void hasNoAuthTokenWithoutAuth() {
        assertThat(resolver.resolve(userCounter("team-a", "demo"), secrets).authToken())
                .isEmpty();
    }

    @Test
    void keyPrefixIsUniquePerNamespaceAndName() {
        assertThat(resolver.resolve(userCounter("team-a", "demo"), secrets).keyPrefix())
                .isEqualTo("uc-team-a-demo");
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
        var stringDataOnly = new SecretBuilder()
                .withNewMetadata()
                .withName("mysql-creds")
                .endMetadata()
                .addToStringData("username", "plain")
                .addToStringData("password", "text")
                .build();

        var settings = resolver.resolve(
                userCounter("team-a", "demo"), TestSecrets.of(stringDataOnly, redisSecret("team-a", "pw")));

        assertThat(settings.datasourceUsername()).isEqualTo("plain");
        assertThat(settings.datasourcePassword()).isEqualTo("text");
    }

    private static UserCounter sentinel(List<String> nodes, String masterName) {
        var userCounter = userCounter("team-a", "demo");
        var redis = userCounter.getSpec().getRedis();
        redis.setMode(RedisMode.Sentinel);
        redis.setHost(null);
        redis.setNodes(nodes);
        redis.setSentinel(new SentinelSpec(masterName));
        return userCounter;
    }

    @Test
    void rejectsASyncIntervalTheApiServerShouldHaveRejected() {
        var userCounter = userCounter("team-a", "demo");
        userCounter.getSpec().setSyncInterval("2x");

        assertThatThrownBy(() -> resolver.resolve(userCounter, secrets))
                .hasMessage("spec.syncInterval '2x' is not a duration such as 500ms, 5s or 1m30s");
    }
}
