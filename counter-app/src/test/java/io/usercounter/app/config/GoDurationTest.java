package io.usercounter.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
        "500ms, 500",
        "5s, 5000",
        "1m, 60000",
        "1h, 3600000",
        "1m30s, 90000",
        "1h2m3s4ms, 3723004",
        "1.5s, 1500",
        "0.5h, 1800000",
        "100ms, 100",
        "2000us, 2",
        "24h, 86400000",
    })
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{1} ms is written {0}")
    @CsvSource({"0s, 0", "50ms, 50", "5s, 5000", "1m30s, 90000", "25h, 90000000", "1h1s500ms, 3601500"})
    void formatsTheGoWay(String text, long millis) {
        assertThat(GoDuration.format(java.time.Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "5", "fast", "5 s", "s5", "-5s", "5sec", "PT5S", "1d", "5s5"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration such as 500ms, 5s, 1m or 1h30m");
    }
}
