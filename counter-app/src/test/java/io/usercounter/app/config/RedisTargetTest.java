package io.usercounter.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** COUNTER_REDIS_MODE and COUNTER_REDIS_URL as the operator writes them. */
class RedisTargetTest {

    static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void unsetModeIsStandaloneForARedisUrl() {
        assertThat(properties("redis://127.0.0.1:6379", null).redisMode()).isEqualTo(RedisMode.STANDALONE);
    }

    @Test
    void unsetModeIsSentinelForARedisSentinelUrl() {
        assertThat(properties("redis-sentinel://127.0.0.1:26379#counter", null).redisMode())
                .isEqualTo(RedisMode.SENTINEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster", "Cluster", "CLUSTER"})
    void modeIsReadInAnyCase(String value) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new GoDurationConverter());
        MapConfigurationPropertySource environment = new MapConfigurationPropertySource(
                Map.of("counter.redis-mode", value, "counter.redis-url", "redis://n1:7000,redis://n2:7001"));

        CounterProperties bound =
                new Binder(List.of(environment), null, conversion).bindOrCreate("counter", CounterProperties.class);

        assertThat(bound.redisMode()).isEqualTo(RedisMode.CLUSTER);
    }

    @Test
    void standaloneKeepsPasswordAndDatabase() {
        RedisURI uri = RedisTarget.parse(RedisMode.STANDALONE, "redis://:s3cret@cache.infra:6380/2", TIMEOUT)
                .uris()
                .get(0);

        assertThat(uri.getHost()).isEqualTo("cache.infra");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(password(uri)).isEqualTo("s3cret".toCharArray());
        assertThat(uri.getTimeout()).isEqualTo(TIMEOUT);
    }

    @Test
    void sentinelListsEverySentinelAndTheMasterName() {
        RedisURI uri = RedisTarget.parse(RedisMode.SENTINEL, "redis-sentinel://:pw@s1:26379,s2:26380#counter", TIMEOUT)
                .uris()
                .get(0);

        assertThat(uri.getSentinelMasterId()).isEqualTo("counter");
        assertThat(uri.getSentinels())
                .extracting(RedisURI::getHost, RedisURI::getPort)
                .containsExactly(tuple("s1", 26379), tuple("s2", 26380));
        assertThat(uri.getSentinels())
                .allSatisfy(sentinel -> assertThat(sentinel.getTimeout()).isEqualTo(TIMEOUT));
    }

    @Test
    void clusterReadsEverySeedWithItsPassword() {
        RedisTarget target = RedisTarget.parse(RedisMode.CLUSTER, "redis://:pw@n1:7000, redis://:pw@n2:7001", TIMEOUT);

        assertThat(target.uris())
                .extracting(RedisURI::getHost, RedisURI::getPort)
                .containsExactly(tuple("n1", 7000), tuple("n2", 7001));
        assertThat(target.uris()).allSatisfy(seed -> assertThat(password(seed)).isEqualTo("pw".toCharArray()));
    }

    @Test
    void sentinelWithoutMasterNameIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> properties("redis-sentinel://s1:26379", RedisMode.SENTINEL))
                .hasMessage(
                        "COUNTER_REDIS_URL='redis-sentinel://s1:26379' is invalid: expected"
                                + " redis-sentinel://[:password@]host:port[,host:port...]#masterName for COUNTER_REDIS_MODE=sentinel");
    }

    @Test
    void clusterSeedThatIsNotARedisUriIsRejectedWithoutItsPassword() {
        assertThatThrownBy(() -> properties("redis://:pw@n1:7000,n2:7001", RedisMode.CLUSTER))
                .hasMessageStartingWith(
                        "COUNTER_REDIS_URL='redis://***@n1:7000,n2:7001' is invalid: expected comma-separated seed nodes")
                .hasMessageNotContaining("pw");
    }

    @Test
    void standaloneModeRejectsASentinelUrl() {
        assertThatThrownBy(() -> properties("redis-sentinel://s1:26379#counter", RedisMode.STANDALONE))
                .hasMessageStartingWith(
                        "COUNTER_REDIS_URL='redis-sentinel://s1:26379#counter' is invalid: expected redis://");
    }

    private static CounterProperties properties(String url, RedisMode mode) {
        return new CounterProperties(
                Consistency.STRONG, Duration.ofSeconds(30), url, "uc", TIMEOUT, Duration.ofMinutes(10), mode);
    }

    /** Lettuce 7 keeps the password only behind the URI's credentials provider. */
    private static char[] password(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block().getPassword();
    }
}
