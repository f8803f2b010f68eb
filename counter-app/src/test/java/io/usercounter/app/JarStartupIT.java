package io.usercounter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.fixture.Api;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The packaged jar, started as `java -jar` with only the environment the operator gives its pods. */
class JarStartupIT {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();

    @AfterAll
    static void dropStores() {
        redis.close();
        database.close();
    }

    @Test
    void startsOnAnEmptyDatabaseAndFlushesPendingIncrementsWhenStopped() throws Exception {
        int port = freePort();
        Map<String, String> env = designEnvironment(port);
        env.put("COUNTER_CONSISTENCY", "eventual");
        env.put("COUNTER_SYNC_INTERVAL", "1h");
        Process app = start(env, "started");
        try {
            Api api = new Api(port);
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> api.get("/actuator/health/readiness").status() == 200);
            JsonNode info = api.get("/actuator/info").json().path("counter");
            long user = api.createUser("from-the-jar");
            api.put("/api/v1/users/" + user + "/increment?by=7", null);
            long mysqlBeforeStop = mysqlCounter(user);

            app.destroy();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(info.path("consistency").asString()).isEqualTo("eventual");
            assertThat(info.path("syncIntervalMs").asLong()).isEqualTo(3_600_000);
            assertThat(info.path("keyPrefix").asString()).isEqualTo(redis.prefix());
            assertThat(mysqlBeforeStop).isZero();
            assertThat(mysqlCounter(user)).isEqualTo(7);
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void badSettingStopsTheJarWithOneLineNamingTheVariable() throws Exception {
        Map<String, String> env = designEnvironment(freePort());
        env.put("COUNTER_SYNC_INTERVAL", "soon");
        File log = File.createTempFile("counter-app-bad-setting", ".log");
        Process app = start(env, log);
        try {
            assertThat(app.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(app.exitValue()).isNotZero();
            assertThat(Files.readAllLines(log.toPath()).stream().filter(line -> line.contains("COUNTER_SYNC_INTERVAL")))
                    .containsExactly(
                            "COUNTER_SYNC_INTERVAL='soon' is invalid: 'soon' is not a duration such as 500ms, 5s, 1m or 1h30m");
        } finally {
            app.destroyForcibly();
            Files.deleteIfExists(log.toPath());
        }
    }

    private static Map<String, String> designEnvironment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("COUNTER_REDIS_URL", redis.url());
        env.put("COUNTER_KEY_PREFIX", redis.prefix());
        env.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", TestDatabase.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }

    private static Process start(Map<String, String> env, String logName) throws IOException {
        File log = File.createTempFile("counter-app-" + logName, ".log");
        log.deleteOnExit();
        return start(env, log);
    }

    private static Process start(Map<String, String> env, File log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        System.getProperty("java.home") + "/bin/java",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        System.getProperty("counter.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private long mysqlCounter(long user) {
        return database.queryLong("SELECT counter FROM users WHERE id = " + user);
    }
}
