package io.usercounter.localstack.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process contract the local stack relies on: one line when serving, the kubeconfig, a clean SIGTERM. */
class LocalApiServerMainTest {

    @Test
    void printsWhereItListensWritesTheKubeconfigAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalApiServerMain.class.getName(),
                        "--port",
                        "0",
                        "--kubeconfig",
                        kubeconfig.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();

            assertThat(line).matches("local-apiserver listening on http://127\\.0\\.0\\.1:\\d+");
            String url = line.substring("local-apiserver listening on ".length());
            assertThat(Config.fromKubeconfig(Files.readString(kubeconfig)).getMasterUrl())
                    .isEqualTo(url + "/");

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadFlagExitsWithStatusTwo() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalApiServerMain.class.getName(),
                        "--port",
                        "http")
                .redirectErrorStream(true)
                .start();

        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.strip()).isEqualTo("local-apiserver: --port must be a number from 0 to 65535, got 'http'");
    }
}
