package io.usercounter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After `helm install`, NOTES.txt walks the user to their first UserCounter. */
class NotesTest {

    private static final Path EXAMPLES =
            OperatorChart.DIR.resolve("../../examples").normalize();

    @Test
    void tellsTheUserToApplyAnExampleThatExists() {
        assertThat(notes(Map.of())).contains("kubectl apply -f examples/strong.yaml");
        assertThat(EXAMPLES.resolve("strong.yaml")).isRegularFile();
    }

    @Test
    void tellsTheUserHowToWaitForTheOperator() {
        assertThat(notes(Map.of()))
                .contains("kubectl -n usercounter-system rollout status deployment/usercounter-operator");
    }

    @Test
    void warnsWhenTheExamplesNamespaceIsNotWatched() {
        assertThat(notes(Map.of("watchNamespaces[0]", "team-a")))
                .contains("watches: team-a.")
                .contains("set their\n   metadata.namespace to team-a first.");
    }

    @Test
    void doesNotWarnWhenEveryNamespaceIsWatched() {
        assertThat(notes(Map.of())).contains("watches every namespace.").doesNotContain("metadata.namespace");
    }

    /** A client-only dry-run install renders NOTES.txt, which `helm template` leaves out. */
    private static String notes(Map<String, Object> values) {
        InstallCommand install = new Helm(OperatorChart.DIR)
                .install()
                .withName(OperatorChart.RELEASE)
                .withNamespace(OperatorChart.NAMESPACE)
                .clientOnly()
                .dryRun();
        values.forEach(install::set);
        String output = install.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }
}
