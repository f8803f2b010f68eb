package io.usercounter.e2e.cluster;

import io.usercounter.e2e.supervisor.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the suite's own, on a free loopback port, with one account whose password is new each run.
 * The shared server's only account has the password "usercounter", a word every log of this project holds anyway,
 * so a scan for a leaked password needs a password that can appear nowhere else; creating such an account on the
 * shared server would need privileges its account does not have.
 */
final class PrivateMariaDb implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;
    private final int port;
    private final Process server;
    private final ClusterTarget.DatabaseAccount account;

    private PrivateMariaDb(Path directory, int port, Process server, ClusterTarget.DatabaseAccount account) {
        this.directory = directory;
        this.port = port;
        this.server = server;
        this.account = account;
    }

    /** Initialises a data directory under {@code parent}, starts the server and creates {@code account} on it. */
    static PrivateMariaDb start(Path parent, ClusterTarget.DatabaseAccount account) {
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent, "mariadb-");
            Path data = directory.resolve("data");
            run(
                    directory.resolve("install.log"),
                    "mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + data,
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                    "--user=" + System.getProperty("user.name"));
            int port = FreePort.pick();
            Process server = new ProcessBuilder(
                            "mariadbd",
                            "--no-defaults",
                            "--datadir=" + data,
                            "--socket=" + directory.resolve("sock"),
                            "--port=" + port,
                            "--bind-address=127.0.0.1",
                            "--skip-name-resolve",
                            "--user=" + System.getProperty("user.name"),
                            "--innodb-buffer-pool-size=64M")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile())
                    .start();
            PrivateMariaDb mariaDb = new PrivateMariaDb(directory, port, server, account);
            try {
                mariaDb.awaitRootLogin();
                // install-db's root has no password and is reachable from loopback only; the app gets its own account
                mariaDb.asRoot(
                        "CREATE USER '" + account.username() + "'@'%' IDENTIFIED BY '" + account.password() + "'");
                mariaDb.asRoot("GRANT ALL PRIVILEGES ON *.* TO '" + account.username() + "'@'%'");
            } catch (RuntimeException e) {
                mariaDb.close();
                throw e;
            }
            return mariaDb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a private MariaDB: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    private void awaitRootLogin() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try {
                asRoot("SELECT 1");
                return;
            } catch (RuntimeException e) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "private MariaDB on port " + port + " did not start; see "
                                    + directory.resolve("server.log"),
                            e);
                }
                pause();
            }
        }
    }

    private void asRoot(String statement) {
        try (var connection = DriverManager.getConnection(jdbcUrl(""), "root", "");
                var update = connection.createStatement()) {
            update.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("private MariaDB: " + e.getMessage(), e);
        }
    }

    private static void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command[0] + " interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and removes its data directory; a second call does nothing. */
    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    ClusterTarget.DatabaseAccount account() {
        return account;
    }
}
