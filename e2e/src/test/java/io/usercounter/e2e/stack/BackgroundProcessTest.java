package io.usercounter.e2e.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundProcessTest {

    @TempDir
    Path dir;

    private StackDirectory stack() {
        return new StackDirectory(dir);
    }

    @Test
    void aStartedProcessIsFoundThroughItsPidFileAndStoppedByIt() throws Exception {
        BackgroundProcess sleeper = BackgroundProcess.start("sleeper", List.of("sleep", "30"), Map.of(), stack(), true);
        long pid = Long.parseLong(Files.readString(stack().pidFile("sleeper")).trim());

        assertThat(sleeper.running()).map(ProcessHandle::pid).contains(pid);

        sleeper.stop(Duration.ofSeconds(5));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(stack().pidFile("sleeper")).doesNotExist();
    }

    @Test
    void aPidNowUsedByAnotherCommandIsLeftAlone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "31").start();
        try {
            Files.writeString(stack().pidFile("operator"), Long.toString(stranger.pid()));
            BackgroundProcess operator = BackgroundProcess.of("operator", "operator-0.1.0-SNAPSHOT.jar", stack());

            assertThat(operator.running()).isEmpty();
            operator.stop(Duration.ofSeconds(1));

            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void waitingForALogLineReturnsThatLine() {
        BackgroundProcess talker = BackgroundProcess.start(
                "talker",
                List.of("sh", "-c", "echo starting; echo 'listening on 1234'; sleep 30"),
                Map.of(),
                stack(),
                false);
        try {
            assertThat(talker.awaitLogLine(line -> line.startsWith("listening on"), Duration.ofSeconds(10)))
                    .isEqualTo("listening on 1234");
        } finally {
            talker.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProcessThatExitsDuringStartUpFailsTheWaitWithItsLog() {
        BackgroundProcess crasher = BackgroundProcess.start(
                "crasher", List.of("sh", "-c", "echo 'bad setting COUNTER_X'; exit 3"), Map.of(), stack(), false);

        assertThatThrownBy(() -> crasher.awaitLogLine(line -> line.startsWith("listening on"), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crasher exited during start-up")
                .hasMessageContaining("bad setting COUNTER_X");
    }
}
