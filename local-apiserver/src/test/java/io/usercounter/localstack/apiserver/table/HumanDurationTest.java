package io.usercounter.localstack.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0}s is printed {1}")
    @CsvSource({
        "0, 0s",
        "119, 119s",
        "120, 2m",
        "200, 3m20s",
        "600, 10m",
        "10799, 179m",
        "10800, 3h",
        "11100, 3h5m",
        "28800, 8h",
        "172799, 47h",
        "172800, 2d",
        "183600, 2d3h",
        "691200, 8d",
        "63072000, 2y",
        "63158400, 2y1d",
        "252460800, 8y"
    })
    void printsAgesLikeKubectl(long seconds, String printed) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0}s is printed {1}")
    @CsvSource({"-1, 0s", "-5, <invalid>"})
    void printsClockSkewLikeKubectl(long seconds, String printed) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(printed);
    }
}
