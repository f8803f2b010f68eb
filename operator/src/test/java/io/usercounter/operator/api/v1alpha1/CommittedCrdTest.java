package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD under crds/ is what the Java classes generate, so the chart and kubectl apply get the real schema. */
class CommittedCrdTest {

    static final String FILE = "usercounters.usercounter.io-v1.yml";
    static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", FILE);
    static final Path COMMITTED = Path.of("..", "crds", FILE);

    @Test
    void committedCrdEqualsTheGeneratedOne() throws IOException {
        assertThat(GENERATED).as("the crd-generator-maven-plugin output").exists();
        assertThat(Files.readString(COMMITTED))
                .as(
                        "crds/%s is out of date with the api.v1alpha1 classes; refresh it with:%n"
                                + "  mvn -pl operator process-classes && cp operator/%s crds/",
                        FILE, GENERATED)
                .isEqualTo(Files.readString(GENERATED));
    }
}
