package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigHashTest {

    static final CounterAppSettings DEMO = TestSettings.demo();

    @Test
    void isThe128BitPrefixOfASha256InHex() {
        assertThat(ConfigHash.of(DEMO)).matches("[0-9a-f]{32}");
    }

    @Test
    void isTheSameForTheSameSettings() {
        assertThat(ConfigHash.of(TestSettings.demo())).isEqualTo(ConfigHash.of(DEMO));
    }

    static Stream<Arguments> changes() {
        return Stream.<Arguments>of(
                change("image", s -> new CounterAppSettings("registry.test/counter-app:2.0", s.consistency(),
                        s.syncInterval(), s.keyPrefix(), s.datasourceUrl(), s.datasourceUsername(),
                        s.datasourcePassword(), s.redisUrl())),
                change("consistency", s -> new CounterAppSettings(s.image(), "strong", s.syncInterval(), s.keyPrefix(),
                        s.datasourceUrl(), s.datasourceUsername(), s.datasourcePassword(), s.redisUrl())),
                change("syncInterval", s -> new CounterAppSettings(s.image(), s.consistency(), "6s", s.keyPrefix(),
                        s.datasourceUrl(), s.datasourceUsername(), s.datasourcePassword(), s.redisUrl())),
                change("keyPrefix", s -> new CounterAppSettings(s.image(), s.consistency(), s.syncInterval(), "uc-x",
                        s.datasourceUrl(), s.datasourceUsername(), s.datasourcePassword(), s.redisUrl())),
                change("datasourceUrl", s -> new CounterAppSettings(s.image(), s.consistency(), s.syncInterval(),
                        s.keyPrefix(), "jdbc:mysql://other:3306/counters_demo", s.datasourceUsername(),
                        s.datasourcePassword(), s.redisUrl())),
                change("datasourceUsername", s -> new CounterAppSettings(s.image(), s.consistency(), s.syncInterval(),
                        s.keyPrefix(), s.datasourceUrl(), "other", s.datasourcePassword(), s.redisUrl())),
                change("datasourcePassword", s -> new CounterAppSettings(s.image(), s.consistency(), s.syncInterval(),
                        s.keyPrefix(), s.datasourceUrl(), s.datasourceUsername(), "rotated", s.redisUrl())),
                change("redisUrl", s -> new CounterAppSettings(s.image(), s.consistency(), s.syncInterval(),
                        s.keyPrefix(), s.datasourceUrl(), s.datasourceUsername(), s.datasourcePassword(),
                        "redis://:rotated@redis.infra:6379")));
    }

    @ParameterizedTest(name = "a change of {0}")
    @MethodSource("changes")
    void changesWhenAnySettingChanges(String setting, UnaryOperator<CounterAppSettings> change) {
        assertThat(ConfigHash.of(change.apply(DEMO))).isNotEqualTo(ConfigHash.of(DEMO));
    }

    @Test
    void settingsNeverPrintTheirCredentials() {
        assertThat(DEMO.toString()).doesNotContain("s3cret").doesNotContain("redis://:pw@").contains("<redacted>");
    }

    private static Arguments change(String setting, UnaryOperator<CounterAppSettings> change) {
        return Arguments.of(setting, change);
    }
}
