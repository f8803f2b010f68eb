package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usercounter.e2e.stack.DemoFlow;
import io.usercounter.e2e.stack.LocalStack;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough, run as written: what `make demo` does (the local stack, examples/demo.yaml, Ready,
 * the URL line), then the README's own `curl` and `kubectl` block in bash. The only liberties: the resource and its
 * database get a name new each run (so a developer's running demo and earlier runs share nothing), and the
 * block's first line gets the URL this demo printed, as the README tells the reader to do.
 */
class ReadmeWalkthroughIT {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
    private static final Path WORK = REPOSITORY.resolve("e2e/target/readme-walkthrough");
    private static final String NAME = "readme-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "counters_" + NAME.replace('-', '_');
    private static final String MARIADB = "jdbc:mysql://127.0.0.1:3306/";

    private static LocalStack stack;
    private static String demoOutput;

    @BeforeAll
    static void makeDemo() throws Exception {
        assumeTrue(
                "local".equals(System.getProperty("e2e.target", "local")), "the walkthrough runs on the local stack");
        Files.createDirectories(WORK);
        execute("CREATE DATABASE " + DATABASE);
        stack = new LocalStack(REPOSITORY, new StackDirectory(WORK.resolve(StackDirectory.DEFAULT)), false, System.out);
        stack.up();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new DemoFlow(stack, new PrintStream(new TeeStream(printed, System.out), true, StandardCharsets.UTF_8))
                .run(demoManifest());
        demoOutput = printed.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void demoDown() throws SQLException {
        if (stack != null) {
            stack.down();
        }
        execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void makeDemoEndsWithTheTwoLinesTheReadmeShows() {
        assertThat(demoOutput)
                .containsPattern("(?m)^demo is ready at http://127\\.0\\.0\\.1:\\d+$")
                .containsPattern("(?m)^kubeconfig: .*\\.local-stack/kubeconfig$");
    }

    @Test
    void theReadmeCurlAndKubectlLinesWorkAsWritten() throws Exception {
        String block = readmeBlock().replaceFirst("(?m)^url=\\S+", Matcher.quoteReplacement("url=" + demoUrl()));

        String output = bash(block);

        assertThat(output)
                .as("the increment by 5, then the count")
                .containsPattern("\"counter\":5\\b[\\s\\S]*\"counter\":5\\b");
        assertThat(output)
                .as("the user list: the demo's user and bob")
                .contains("\"username\":\"demo-user\"", "\"username\":\"bob\"");
        assertThat(output)
                .as("kubectl get uc")
                .containsPattern(
                        "(?m)^" + NAME + "\\s+Eventual\\s+2s\\s+2/2\\s+AllReplicasReady\\s+http://\\S+\\s+\\S+$");
    }

    /** The fenced block after "Then try the counter service" in README.md. */
    private static String readmeBlock() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        Matcher block = Pattern.compile("Then try the counter service.*?```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has the walkthrough block").isTrue();
        return block.group(1);
    }

    private static String demoUrl() {
        Matcher url = Pattern.compile("(?m)^demo is ready at (\\S+)$").matcher(demoOutput);
        assertThat(url.find()).as("make demo printed its URL").isTrue();
        return url.group(1);
    }

    /** Runs the block as a reader would paste it, from the directory that holds .local-stack/. */
    private static String bash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the walkthrough finished")
                .isTrue();
        System.out.println(output);
        assertThat(process.exitValue())
                .as("exit status of the walkthrough; it printed:%n%s", output)
                .isZero();
        return output;
    }

    /** examples/demo.yaml with this run's resource and database names. */
    private static Path demoManifest() throws IOException {
        String demo = Files.readString(REPOSITORY.resolve("examples/demo.yaml"))
                .replaceAll("(?m)^(  name: )demo$", "$1" + NAME)
                .replaceAll("(?m)^(    database: )counters_demo$", "$1" + DATABASE);
        assertThat(demo).contains("name: " + NAME, "database: " + DATABASE);
        return Files.writeString(WORK.resolve("demo.yaml"), demo);
    }

    private static void execute(String statement) throws SQLException {
        try (var connection = DriverManager.getConnection(MARIADB, "usercounter", "usercounter");
                var sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** Keeps what DemoFlow prints while the build log still shows it. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
