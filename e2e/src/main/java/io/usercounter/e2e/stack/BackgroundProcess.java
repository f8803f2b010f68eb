package io.usercounter.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stack component that outlives the command that started it: its pid file names it and its log records it.
 * A pid is acted on only while its command line still names the component's jar, so a reused pid is left alone.
 */
public record BackgroundProcess(String name, Path pidFile, Path log, String commandMarker) {

    /** Starts the command; {@code detached} puts it in its own session, so closing the terminal does not stop it. */
    public static BackgroundProcess start(
            String name, List<String> command, Map<String, String> env, StackDirectory stack, boolean detached) {
        String marker = command.get(command.size() - 1).contains(".jar")
                ? command.get(command.size() - 1)
                : String.join(" ", command);
        BackgroundProcess process = new BackgroundProcess(name, stack.pidFile(name), stack.log(name), marker);
        List<String> full = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        try {
            Files.deleteIfExists(process.log);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(process.log.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process started = builder.start();
            StackDirectory.publish(process.pidFile, Long.toString(started.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
        return process;
    }

    public static BackgroundProcess of(String name, String commandMarker, StackDirectory stack) {
        return new BackgroundProcess(name, stack.pidFile(name), stack.log(name), commandMarker);
    }

    public Optional<ProcessHandle> running() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .commandLine()
                            .map(line -> line.contains(commandMarker))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; removes the pid file. */
    public void stop(Duration grace) {
        running().ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pidFile, e);
        }
    }

    /** Waits for the first log line the predicate accepts, failing early with the log's tail when the process dies. */
    public String awaitLogLine(Predicate<String> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> line = logLines().stream().filter(wanted).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (running().isEmpty()) {
                throw new IllegalStateException(
                        name + " exited during start-up; last lines of " + log + ":\n" + tail());
            }
            pause();
        }
        throw new IllegalStateException(
                name + " not up after " + timeout.toSeconds() + "s; last lines of " + log + ":\n" + tail());
    }

    /** Waits until the URL answers 200, failing early with the log's tail when the process dies. */
    public void awaitHttpOk(URI url, Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (running().isEmpty()) {
                throw new IllegalStateException(
                        name + " exited during start-up; last lines of " + log + ":\n" + tail());
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(url)
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready at " + url + " after " + timeout.toSeconds()
                + "s; last lines of " + log + ":\n" + tail());
    }

    public String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private List<String> logLines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
