package io.usercounter.operator.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncIntervalTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
        "100ms,100",
        "500ms,500",
        "5s,5000",
        "1m30s,90000",
        "1.5h,5400000",
        "24h,86400000",
        "2m0.5s,120500",
        "100000us,100",
        "1h1m1s1ms,3661001"
    })
    void parsesGoDurations(String text, long millis) {
        assertThat(SyncInterval.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99ms", "0s", "24h1ms", "25h"})
    void rejectsDurationsOutsideTheRange(String text) {
        assertThatThrownBy(() -> SyncInterval.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.syncInterval '" + text + "' is outside 100ms..24h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "s", "5 s", "-5s", "5d", "abc", ""})
    void rejectsTextThatIsNoDuration(String text) {
        assertThatThrownBy(() -> SyncInterval.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.syncInterval '" + text + "' is not a duration such as 500ms, 5s or 1m30s");
    }

    @Test
    void rejectsAMissingDuration() {
        assertThatThrownBy(() -> SyncInterval.parse(null)).hasMessageContaining("'null' is not a duration");
    }

    @ParameterizedTest(name = "{0} ms is written {1}")
    @CsvSource({"100,100ms", "1500,1500ms", "5000,5s", "90000,90s", "120000,2m", "3600000,1h", "86400000,24h"})
    void writesTheLargestWholeUnitTheAppUnderstands(long millis, String appValue) {
        assertThat(SyncInterval.appValue(Duration.ofMillis(millis))).isEqualTo(appValue);
    }
}
