package io.usercounter.e2e.supervisor;

import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One running container: a child process with exactly the declared environment, its log and its pid file. */
final class AppProcess {

  private final Process process;
  private final int port;
  private final Path pidFile;

  private AppProcess(Process process, int port, Path pidFile) {
    this.process = process;
    this.port = port;
    this.pidFile = pidFile;
  }

  static AppProcess start(AppCommand command, Map<String, String> env, int port, Path log, Path pidFile) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command.command())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // the container sees only what the Deployment declares, as in a pod
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    Process process = builder.start();
    StackDirectory.publish(pidFile, Long.toString(process.pid()));
    return new AppProcess(process, port, pidFile);
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
      }
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
