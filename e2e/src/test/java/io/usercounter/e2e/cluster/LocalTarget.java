package io.usercounter.e2e.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.e2e.client.CounterServiceClient;
import io.usercounter.e2e.stack.LocalStack;
import io.usercounter.e2e.stack.StackDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local stack, started by the suite itself in e2e/target/local-stack (apart from a running `make demo`) with
 * the same launcher as scripts/local-stack.sh, against the loopback Redis and a MariaDB of the suite's own.
 */
final class LocalTarget implements ClusterTarget {

    private final LocalStack stack;
    private final PrivateMariaDb mariaDb;
    private final KubernetesClient client;

    private LocalTarget(LocalStack stack, PrivateMariaDb mariaDb) {
        this.stack = stack;
        this.mariaDb = mariaDb;
        this.client = stack.client();
    }

    static LocalTarget start() {
        Path repository = Path.of(System.getProperty("e2e.repository", ".."));
        Path target = repository.resolve("e2e").resolve("target");
        // a password new each run, so that finding it in a log can only mean it leaked there
        String password = "e2e-mysql-pw-" + UUID.randomUUID().toString().replace("-", "");
        PrivateMariaDb mariaDb = PrivateMariaDb.start(target, new DatabaseAccount("e2e_app", password));
        LocalStack stack =
                new LocalStack(repository, new StackDirectory(target.resolve("local-stack")), false, System.out);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.down();
                            mariaDb.close();
                        },
                        "local-stack-down"));
        try {
            stack.up();
        } catch (RuntimeException e) {
            mariaDb.close();
            throw e;
        }
        return new LocalTarget(stack, mariaDb);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public CounterServiceClient service(String namespace, String name) {
        Path portFile = stack.directory().servicePort(namespace, name);
        try {
            int port = Integer.parseInt(Files.readString(portFile).trim());
            return new CounterServiceClient(URI.create("http://127.0.0.1:" + port + "/"), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Service " + namespace + "/" + name + " has no local port yet (" + portFile + ")", e);
        }
    }

    @Override
    public Optional<URI> operatorMetrics() {
        return Optional.of(stack.operatorMetrics());
    }

    @Override
    public Optional<Map<String, Object>> ingress(String namespace, String name) {
        return Optional.empty();
    }

    @Override
    public Set<String> runningReplicas(String namespace, String deployment) {
        Set<String> pids = new HashSet<>();
        try (Stream<Path> files = Files.list(stack.directory().replicas())) {
            // pod names are <deployment>-<template hash>-<n>, so "demo" never matches the pods of "demo-two"
            Pattern podOfDeployment =
                    Pattern.compile(Pattern.quote(namespace + "." + deployment) + "-[0-9a-f]{10}-\\d+\\.pid");
            for (Path file : files.filter(f ->
                            podOfDeployment.matcher(f.getFileName().toString()).matches())
                    .toList()) {
                String pid = Files.readString(file).trim();
                if (ProcessHandle.of(Long.parseLong(pid))
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // a pid file removed while we read it belongs to a replica that just stopped
        }
        return pids;
    }

    @Override
    public void killOneReplica(String namespace, String deployment) {
        String pid = runningReplicas(namespace, deployment).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running replica of " + namespace + "/" + deployment));
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public Stores stores() {
        return new Stores("127.0.0.1", 6379, "127.0.0.1", mariaDb.port());
    }

    @Override
    public DatabaseAccount databaseAccount() {
        return mariaDb.account();
    }

    @Override
    public Optional<Map<String, String>> processLogs() {
        Map<String, String> logs = new TreeMap<>();
        try (Stream<Path> files = Files.list(stack.directory().logs())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                logs.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the logs in " + stack.directory().logs(), e);
        }
        return Optional.of(logs);
    }

    @Override
    public void createDatabase(String name) {
        sql("CREATE DATABASE IF NOT EXISTS `" + name + "`", "");
    }

    @Override
    public void dropDatabase(String name) {
        sql("DROP DATABASE IF EXISTS `" + name + "`", "");
    }

    @Override
    public long databaseCounter(String database, long userId) {
        try (var connection = DriverManager.getConnection(
                        mariaDb.jdbcUrl(database),
                        mariaDb.account().username(),
                        mariaDb.account().password());
                var query = connection.prepareStatement("SELECT counter FROM users WHERE id = ?")) {
            query.setLong(1, userId);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("user " + userId + " is not in database " + database);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read user " + userId + " from " + database + ": " + e.getMessage(), e);
        }
    }

    private void sql(String statement, String database) {
        try (var connection = DriverManager.getConnection(
                        mariaDb.jdbcUrl(database),
                        mariaDb.account().username(),
                        mariaDb.account().password());
                var update = connection.createStatement()) {
            update.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        stack.down();
        mariaDb.close();
    }
}
