package io.usercounter.e2e.supervisor;

import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One running container: a child process with exactly the declared environment, its log and its pid file. */
final class AppProcess {

    private final Process process;
    private final int port;
    private final Path pidFile;
    private final Optional<List<String>> forceStop;

    private AppProcess(Process process, int port, Path pidFile, Optional<List<String>> forceStop) {
        this.process = process;
        this.port = port;
        this.pidFile = pidFile;
        this.forceStop = forceStop;
    }

    /** env holds SERVER_PORT=port; forceStop is what stops the container when the process had to be killed. */
    static AppProcess start(
            List<String> command,
            Map<String, String> env,
            int port,
            Path log,
            Path pidFile,
            Optional<List<String>> forceStop)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the container sees only what the Deployment declares, as in a pod
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        StackDirectory.publish(pidFile, Long.toString(process.pid()));
        return new AppProcess(process, port, pidFile, forceStop);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM first, as the kubelet does, then SIGKILL after the grace period. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                if (forceStop.isPresent()) {
                    new ProcessBuilder(forceStop.get())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor(30, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            // the container outlives its killed podman process until `podman rm -f`; the next start replaces it
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forgetPid();
    }

    void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file names a dead process; the stack's `down` checks liveness before acting on it
        }
    }
}
