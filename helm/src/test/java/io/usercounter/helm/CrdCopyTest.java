package io.usercounter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `helm install` installs the chart's crds/; they must be the CRDs the operator build generates. */
class CrdCopyTest {

    private static final Path GENERATED = Path.of(System.getProperty("repository.crds.dir", "../crds"));
    private static final Path CHART = OperatorChart.DIR.resolve("crds");
    private static final String HOW_TO_FIX = "copy them: cp crds/*.yml helm/usercounter-operator/crds/";

    @Test
    void chartShipsExactlyTheGeneratedCrdFiles() throws IOException {
        assertThat(fileNames(CHART)).as(HOW_TO_FIX).isNotEmpty().isEqualTo(fileNames(GENERATED));
    }

    @Test
    void eachChartCrdIsByteIdenticalToTheGeneratedOne() throws IOException {
        for (String name : fileNames(GENERATED)) {
            assertThat(Files.mismatch(CHART.resolve(name), GENERATED.resolve(name)))
                    .as(
                            "first differing byte of helm/usercounter-operator/crds/%s and crds/%s (-1: none); %s",
                            name, name, HOW_TO_FIX)
                    .isEqualTo(-1L);
        }
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
