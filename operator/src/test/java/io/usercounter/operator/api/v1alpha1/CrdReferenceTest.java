package io.usercounter.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reference/usercounter.md is what the generated CRD says, so the reference cannot drift from the schema. */
class CrdReferenceTest {

    static final Path REFERENCE = Path.of("..", "docs", "reference", "usercounter.md");

    @Test
    void committedReferenceIsRenderedFromTheGeneratedCrd() throws IOException {
        String rendered = CrdReference.render(CommittedCrdTest.GENERATED);
        if (Boolean.getBoolean("reference.update")) {
            Files.createDirectories(REFERENCE.getParent());
            Files.writeString(REFERENCE, rendered);
        }
        assertThat(Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "")
                .as("docs/reference/usercounter.md is out of date with the CRD; refresh it with:%n"
                        + "  mvn -pl operator test -Dtest=CrdReferenceTest -Dreference.update=true")
                .isEqualTo(rendered);
    }

    @Test
    void everySpecFieldOfTheCrdHasARow() throws IOException {
        String rendered = CrdReference.render(CommittedCrdTest.GENERATED);

        assertThat(rendered)
                .contains(
                        "| `spec.replicas` | integer | `1` | ≥ 0; ≤ 100 |",
                        "| `spec.mysql.credentialsSecretRef.name` |",
                        "| `status.conditions[].type` |");
    }
}
