package io.usercounter.operator.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
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
        return Stream.of(
                Arguments.of("image", "registry.test/counter-app:2.0"),
                Arguments.of("consistency", "strong"),
                Arguments.of("syncInterval", "6s"),
                Arguments.of("keyPrefix", "uc-x"),
                Arguments.of("datasourceUrl", "jdbc:mysql://other:3306/counters_demo"),
                Arguments.of("datasourceUsername", "other"),
                Arguments.of("datasourcePassword", "rotated"),
                Arguments.of("redisMode", "cluster"),
                Arguments.of("redisUrl", "redis://:rotated@redis.infra:6379"),
                Arguments.of("authToken", Optional.of("t0ken")));
    }

    @ParameterizedTest(name = "a change of {0}")
    @MethodSource("changes")
    void changesWhenAnySettingChanges(String setting, Object value) throws Exception {
        assertThat(ConfigHash.of(with(DEMO, setting, value))).isNotEqualTo(ConfigHash.of(DEMO));
    }

    @Test
    void changesWhenTheAuthTokenRotates() throws Exception {
        var before = with(DEMO, "authToken", Optional.of("t0ken"));

        assertThat(ConfigHash.of(with(before, "authToken", Optional.of("rotated"))))
                .isNotEqualTo(ConfigHash.of(before));
    }

    @Test
    void settingsNeverPrintTheirCredentials() throws Exception {
        var withToken = with(DEMO, "authToken", Optional.of("t0ken"));

        assertThat(withToken.toString())
                .doesNotContain("s3cret")
                .doesNotContain("redis://:pw@")
                .doesNotContain("t0ken")
                .contains("<redacted>");
    }

    /** The settings with one component replaced, through the record's canonical constructor. */
    private static CounterAppSettings with(CounterAppSettings settings, String component, Object value)
            throws Exception {
        RecordComponent[] components = CounterAppSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getName().equals(component)
                    ? value
                    : components[i].getAccessor().invoke(settings);
        }
        return CounterAppSettings.class
                .getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                .newInstance(values);
    }
}
