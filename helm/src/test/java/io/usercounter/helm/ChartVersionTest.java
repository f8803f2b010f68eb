package io.usercounter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A release of the project ships the chart of the same version, running the operator image of that version. */
class ChartVersionTest {

    private static final String RELEASE_VERSION =
            System.getProperty("project.version").replace("-SNAPSHOT", "");

    private static Map<String, Object> chart;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readChartYaml() throws IOException {
        chart = Serialization.unmarshal(Files.readString(OperatorChart.DIR.resolve("Chart.yaml")), Map.class);
    }

    @Test
    void chartVersionIsTheProjectVersion() {
        assertThat(chart.get("version")).isEqualTo(RELEASE_VERSION);
    }

    @Test
    void appVersionIsTheProjectVersion() {
        assertThat(chart.get("appVersion")).isEqualTo(RELEASE_VERSION);
    }
}
