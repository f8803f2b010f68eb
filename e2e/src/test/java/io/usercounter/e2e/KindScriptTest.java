package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `make e2e-kind` cannot run here (no Docker); its dry run shows every command it would run, checked here. */
class KindScriptTest {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
    private static final String PINNED_NODE =
            "kindest/node:v1.32.2@sha256:f226345927d7e348497136874b6d207e0b32cc52154ad8323129352923a3142f";

    @Test
    void theClusterIsCreatedFromThePinnedNodeImageAndIngressNginxRelease() throws Exception {
        List<String> commands = dryRun();

        assertThat(commands)
                .anySatisfy(line ->
                        assertThat(line).startsWith("+ kind create cluster").contains("--image " + PINNED_NODE));
        assertThat(commands)
                .contains("+ kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/"
                        + "controller-v1.12.1/deploy/static/provider/kind/deploy.yaml");
    }

    @Test
    void theCrdIsAppliedServerSideBeforeTheHelmUpgrade() throws Exception {
        List<String> commands = dryRun();

        int crd = commands.indexOf("+ kubectl apply --server-side --force-conflicts -f crds/");
        int helm = indexOfPrefix(commands, "+ helm upgrade --install usercounter-operator");
        assertThat(crd).isNotNegative();
        assertThat(helm).isGreaterThan(crd);
    }

    @Test
    void theSuiteRunsOnlyTheLifecycleItSoFailsafeSkipsTheAppsJarTest() throws Exception {
        String mvn = dryRun().get(indexOfPrefix(dryRun(), "+ env E2E_TARGET=kind mvn"));

        assertThat(mvn)
                .contains("-Dit.test=UserCounterLifecycleIT", "-Dfailsafe.failIfNoSpecifiedTests=false", "-Dtest=NONE");
        assertThat(REPOSITORY.resolve("e2e/src/test/java/io/usercounter/e2e/UserCounterLifecycleIT.java"))
                .exists();
    }

    @Test
    void theImageBuildContextLeavesBuildOutputAndGitOut() throws IOException {
        assertThat(Files.readAllLines(REPOSITORY.resolve(".dockerignore")))
                .contains(".git", "**/target", ".local-stack");
    }

    @Test
    void theKindScriptsAreShellcheckClean() throws Exception {
        Process shellcheck = new ProcessBuilder("shellcheck", "e2e/kind/run.sh", "e2e/kind/down.sh")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .start();
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(findings).isEmpty();
        assertThat(shellcheck.exitValue()).isZero();
    }

    private static List<String> dryRun() throws Exception {
        Process script = new ProcessBuilder("bash", "e2e/kind/run.sh", "--dry-run")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as("dry run output: %s", lines).isZero();
        return lines;
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command starting with " + prefix + " in " + lines);
    }
}
