package io.usercounter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import io.usercounter.app.fixture.Api;
import io.usercounter.app.fixture.Load;
import io.usercounter.app.fixture.ProxiedStores;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The app in Strong mode against real MariaDB and Redis, each behind a proxy the tests can cut. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class StrongModeTest {

    static final ProxiedStores stores = new ProxiedStores();
    static final TestDatabase database = stores.database;
    static final TestRedis redis = stores.redis;
    static final TcpProxy mysqlProxy = stores.mysqlProxy;
    static final TcpProxy redisProxy = stores.redisProxy;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        stores.register(registry, "Strong");
    }

    @AfterAll
    static void dropStores() {
        stores.close();
    }

    @LocalServerPort
    int port;

    Api api;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void connect() throws SQLException {
        api = new Api(port);
        stores.restore();
        // a cut leaves dead connections in the pool; each test starts with fresh ones, as a new replica would
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
    }

    @Nested
    class Users {

        @Test
        void createReturnsTheNewUserWithCounterZero() {
            Api.Reply reply = api.post("/api/v1/users", "{\"username\":\"alice.smith\"}");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.json().path("message").asString()).isEqualTo("user created");
            JsonNode user = reply.data();
            assertThat(user.path("username").asString()).isEqualTo("alice.smith");
            assertThat(user.path("counter").asLong()).isZero();
            assertThat(user.path("id").asLong()).isPositive();
            assertThat(user.path("created_at").asString()).endsWith("Z");
            assertThat(user.path("updated_at").asString()).endsWith("Z");
        }

        @Test
        void getReturnsTheUserWithItsCounter() {
            long id = api.createUser("bob_1");
            api.put("/api/v1/users/" + id + "/increment?by=7", null);

            JsonNode user = api.get("/api/v1/users/" + id).data();

            assertThat(user.path("id").asLong()).isEqualTo(id);
            assertThat(user.path("username").asString()).isEqualTo("bob_1");
            assertThat(user.path("counter").asLong()).isEqualTo(7);
        }

        @Test
        void listPagesByIdWithNextAfterId() {
            long first = api.createUser("page-a");
            long second = api.createUser("page-b");
            long third = api.createUser("page-c");

            JsonNode page =
                    api.get("/api/v1/users?limit=2&after_id=" + (first - 1)).data();
            JsonNode last = api.get("/api/v1/users?limit=2&after_id=" + second).data();

            assertThat(page.path("users").findValuesAsString("username")).containsExactly("page-a", "page-b");
            assertThat(page.path("next_after_id").asLong()).isEqualTo(second);
            assertThat(last.path("users").get(0).path("id").asLong()).isEqualTo(third);
        }

        @Test
        void deleteRemovesTheUserAndItsCounter() {
            long id = api.createUser("doomed");
            api.put("/api/v1/users/" + id + "/increment", null);

            Api.Reply deleted = api.delete("/api/v1/users/" + id);

            assertThat(deleted.status()).isEqualTo(200);
            assertThat(api.get("/api/v1/users/" + id).json().path("error").asString())
                    .isEqualTo("user_not_found");
            assertThat(api.get("/api/v1/users/" + id + "/count").status()).isEqualTo(404);
        }
    }

    @Nested
    class Counting {

        @Test
        void incrementAnswersTheValueAfterIt() {
            long id = api.createUser("inc-user");

            Api.Reply first = api.put("/api/v1/users/" + id + "/increment", null);
            Api.Reply second = api.send("POST", "/api/v1/users/" + id + "/increment?by=41", null, Map.of());

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.data().path("user_id").asLong()).isEqualTo(id);
            assertThat(first.data().path("counter").asLong()).isEqualTo(1);
            assertThat(second.data().path("counter").asLong()).isEqualTo(42);
        }

        @Test
        void strongIncrementIsInMysqlBeforeItIsAcknowledged() {
            long id = api.createUser("strong-db");

            api.put("/api/v1/users/" + id + "/increment?by=5", null);

            assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + id))
                    .isEqualTo(5);
        }

        @Test
        void countIsServedFromTheCacheAfterTheFirstRead() {
            long id = api.createUser("reader");
            api.put("/api/v1/users/" + id + "/increment?by=3", null);
            redis.commands().del("{" + redis.prefix() + ":" + (id % 16) + "}:db:" + id);

            JsonNode miss = api.get("/api/v1/users/" + id + "/count").data();
            JsonNode hit = api.get("/api/v1/users/" + id + "/count").data();
            JsonNode fromDatabase =
                    api.get("/api/v1/users/" + id + "/count?source=database").data();

            assertThat(miss.path("source").asString()).isEqualTo("database");
            assertThat(hit.path("source").asString()).isEqualTo("cache");
            assertThat(hit.path("counter").asLong()).isEqualTo(3);
            assertThat(fromDatabase.path("counter").asLong()).isEqualTo(3);
            assertThat(fromDatabase.path("source").asString()).isEqualTo("database");
        }

        @Test
        void setReplacesTheValue() {
            long id = api.createUser("setter");
            api.put("/api/v1/users/" + id + "/increment?by=9", null);

            Api.Reply set = api.put("/api/v1/users/" + id + "/count", "{\"value\": 2}");

            assertThat(set.data().path("counter").asLong()).isEqualTo(2);
            assertThat(api.count(id, "cache")).isEqualTo(2);
            assertThat(api.count(id, "database")).isEqualTo(2);
        }

        @Test
        void retriedIdempotencyKeyCountsOnceAndAnswersTheSame() {
            long id = api.createUser("idem-strong");
            Map<String, String> key = Map.of("Idempotency-Key", "req-1");

            Api.Reply first = api.send("PUT", "/api/v1/users/" + id + "/increment?by=5", null, key);
            Api.Reply retry = api.send("PUT", "/api/v1/users/" + id + "/increment?by=5", null, key);
            api.put("/api/v1/users/" + id + "/increment", null);

            assertThat(first.data().path("counter").asLong()).isEqualTo(5);
            assertThat(retry.data().path("counter").asLong()).isEqualTo(5);
            assertThat(api.count(id, "database")).isEqualTo(6);
        }

        @Test
        void idempotencyKeysThatDifferOnlyInCaseAreTwoIncrements() {
            long id = api.createUser("idem-case");

            Api.Reply upper = api.send(
                    "PUT", "/api/v1/users/" + id + "/increment?by=5", null, Map.of("Idempotency-Key", "Order-a1"));
            Api.Reply lower = api.send(
                    "PUT", "/api/v1/users/" + id + "/increment?by=5", null, Map.of("Idempotency-Key", "order-A1"));

            assertThat(upper.data().path("counter").asLong()).isEqualTo(5);
            assertThat(lower.data().path("counter").asLong()).isEqualTo(10);
            assertThat(api.count(id, "database")).isEqualTo(10);
        }

        @Test
        void syncStatusOfAStrongCounterIsInSync() {
            long id = api.createUser("status-strong");
            api.put("/api/v1/users/" + id + "/increment?by=4", null);

            JsonNode status = api.get("/api/v1/users/" + id + "/sync-status").data();

            assertThat(status.path("user_id").asLong()).isEqualTo(id);
            assertThat(status.path("cache").asLong()).isEqualTo(4);
            assertThat(status.path("database").asLong()).isEqualTo(4);
            assertThat(status.path("pending").asLong()).isZero();
            assertThat(status.path("in_sync").asBoolean()).isTrue();
        }

        @Test
        void manyThreadsOnManyUsersAndOneHotUserGiveExactTotals() {
            List<Long> users = IntStream.range(0, 10)
                    .mapToObj(i -> api.createUser("many-" + i))
                    .toList();
            long hot = api.createUser("hot-strong");

            // thread t adds t+1: each user gets 5 * (1+..+8) = 180, the hot user 25 * 36 = 900
            Load.onThreads(8, thread -> {
                for (int round = 0; round < 5; round++) {
                    for (long user : users) {
                        assertThat(api.put("/api/v1/users/" + user + "/increment?by=" + (thread + 1), null)
                                        .status())
                                .isEqualTo(200);
                    }
                    for (int hit = 0; hit < 5; hit++) {
                        assertThat(api.put("/api/v1/users/" + hot + "/increment?by=" + (thread + 1), null)
                                        .status())
                                .isEqualTo(200);
                    }
                }
            });

            for (long user : users) {
                assertThat(api.count(user, "cache")).isEqualTo(180);
                assertThat(api.get("/api/v1/users/" + user)
                                .data()
                                .path("counter")
                                .asLong())
                        .isEqualTo(180);
                assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + user))
                        .isEqualTo(180);
            }
            assertThat(api.count(hot, "cache")).isEqualTo(900);
            assertThat(api.get("/api/v1/users/" + hot).data().path("counter").asLong())
                    .isEqualTo(900);
            assertThat(database.queryLong("SELECT counter FROM users WHERE id = " + hot))
                    .isEqualTo(900);
        }
    }

    /** Every bad input is a 4xx with a snake_case code, never a 5xx. {id} is an existing user. */
    @Nested
    class BadInput {

        @ParameterizedTest(name = "{0} {1} -> {4} {5}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                GET    | /api/v1/users/abc                          |                               |                   | 400 | invalid_user_id
                GET    | /api/v1/users/0                            |                               |                   | 400 | invalid_user_id
                GET    | /api/v1/users/-4                           |                               |                   | 400 | invalid_user_id
                GET    | /api/v1/users/99999999999999999999         |                               |                   | 400 | invalid_user_id
                GET    | /api/v1/users/1.5/count                    |                               |                   | 400 | invalid_user_id
                PUT    | /api/v1/users/x/increment                  |                               |                   | 400 | invalid_user_id
                PUT    | /api/v1/users/{id}/increment?by=0          |                               |                   | 400 | invalid_parameter
                PUT    | /api/v1/users/{id}/increment?by=-1         |                               |                   | 400 | invalid_parameter
                PUT    | /api/v1/users/{id}/increment?by=1000001    |                               |                   | 400 | invalid_parameter
                PUT    | /api/v1/users/{id}/increment?by=ten        |                               |                   | 400 | invalid_parameter
                POST   | /api/v1/users/{id}/increment?by=2.5        |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users?limit=0                      |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users?limit=1001                   |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users?limit=many                   |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users?after_id=-1                  |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users?after_id=z                   |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users/{id}/count?source=redis      |                               |                   | 400 | invalid_parameter
                GET    | /api/v1/users?limit=%ff                    |                               |                   | 400 | bad_request
                POST   | /api/v1/users                              | not json                      | application/json  | 400 | invalid_json
                POST   | /api/v1/users                              | {"username":                  | application/json  | 400 | invalid_json
                POST   | /api/v1/users                              |                               | application/json  | 400 | invalid_json
                POST   | /api/v1/users                              | {"username": 12345}           | application/json  | 400 | invalid_field
                POST   | /api/v1/users                              | {"username": ["abc"]}         | application/json  | 400 | invalid_field
                POST   | /api/v1/users                              | {"username": true}            | application/json  | 400 | invalid_field
                POST   | /api/v1/users                              | {}                            | application/json  | 400 | invalid_username
                POST   | /api/v1/users                              | {"username": "ab"}            | application/json  | 400 | invalid_username
                POST   | /api/v1/users                              | {"username": "has space"}     | application/json  | 400 | invalid_username
                POST   | /api/v1/users                              | {"username": "ünïcode"}       | application/json  | 400 | invalid_username
                POST   | /api/v1/users                              | {"username": "taken-name"}    | application/json  | 409 | username_taken
                POST   | /api/v1/users                              | {"username": "a"}             | text/plain        | 415 | unsupported_media_type
                PUT    | /api/v1/users/{id}/count                   | {"value": -1}                 | application/json  | 400 | invalid_value
                PUT    | /api/v1/users/{id}/count                   | {"value": 9007199254740992}   | application/json  | 400 | value_out_of_range
                PUT    | /api/v1/users/{id}/count                   | {"value": 9223372036854775000} | application/json | 400 | value_out_of_range
                PUT    | /api/v1/users/{id}/count                   | {}                            | application/json  | 400 | invalid_value
                PUT    | /api/v1/users/{id}/count                   | {"value": "5"}                | application/json  | 400 | invalid_field
                PUT    | /api/v1/users/{id}/count                   | {"value": 1.5}                | application/json  | 400 | invalid_field
                PUT    | /api/v1/users/{id}/count                   | {"value": 99999999999999999999} | application/json | 400 | invalid_field
                PUT    | /api/v1/users/{id}/count                   | [1]                           | application/json  | 400 | invalid_field
                GET    | /api/v1/users/987654321                    |                               |                   | 404 | user_not_found
                PUT    | /api/v1/users/987654321/increment          |                               |                   | 404 | user_not_found
                DELETE | /api/v1/users/987654321                    |                               |                   | 404 | user_not_found
                GET    | /api/v1/users/987654321/sync-status        |                               |                   | 404 | user_not_found
                GET    | /api/v1/nothing-here                       |                               |                   | 404 | not_found
                PATCH  | /api/v1/users/{id}                         |                               |                   | 405 | method_not_allowed
                """)
        void isRefusedWithTheDocumentedCode(
                String method, String path, String body, String contentType, int status, String code) {
            long id = api.createUserIfAbsent("taken-name");
            Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);

            Api.Reply reply = api.send(
                    method,
                    path.replace("{id}", Long.toString(id)),
                    body == null && contentType != null ? "" : body,
                    headers);

            assertThat(reply.status()).isEqualTo(status);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.json().path("error").asString()).isEqualTo(code);
            assertThat(reply.json().path("message").asString()).isNotBlank();
            assertThat(reply.json().size()).isEqualTo(2);
        }

        @Test
        void urlThatTomcatRefusesGetsTheErrorShapeToo() throws Exception {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream()
                        .write("GET /api/v1/users/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(reply)
                        .startsWith("HTTP/1.1 400")
                        .contains("Content-Type: application/json")
                        .endsWith(
                                "{\"error\":\"bad_request\",\"message\":\"the request is malformed (for example an invalid URL encoding)\"}");
            }
        }

        @Test
        void incrementThatCannotBeAnsweredAsJsonIsRefusedWith406BeforeItCounts() {
            long id = api.createUserIfAbsent("accepts-no-json");

            Api.Reply reply =
                    api.send("PUT", "/api/v1/users/" + id + "/increment?by=4", null, Map.of("Accept", "image/png"));

            assertThat(reply.status()).isEqualTo(406);
            assertThat(reply.json().path("error").asString()).isEqualTo("not_acceptable");
            assertThat(api.count(id, "database")).isZero();
        }

        @Test
        void bodyOver64KibIsRefusedWith413() {
            String huge = "{\"username\": \"" + "x".repeat(70 * 1024) + "\"}";

            Api.Reply reply = api.post("/api/v1/users", huge);

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.json().path("error").asString()).isEqualTo("payload_too_large");
        }

        @Test
        void idempotencyKeyOver128CharactersIsRefused() {
            long id = api.createUserIfAbsent("taken-name");

            Api.Reply reply = api.send(
                    "PUT", "/api/v1/users/" + id + "/increment", null, Map.of("Idempotency-Key", "k".repeat(129)));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("error").asString()).isEqualTo("invalid_idempotency_key");
        }

        @Test
        void idempotencyKeyReusedWithAnotherAmountIsRefused() {
            long id = api.createUserIfAbsent("taken-name");
            api.send("PUT", "/api/v1/users/" + id + "/increment?by=2", null, Map.of("Idempotency-Key", "once"));

            Api.Reply reply =
                    api.send("PUT", "/api/v1/users/" + id + "/increment?by=3", null, Map.of("Idempotency-Key", "once"));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.json().path("error").asString()).isEqualTo("idempotency_key_reused");
        }
    }

    @Nested
    class StoreOutages {

        @Test
        void redisCutStillAcknowledgesFromMysqlAndReadsAreExactAfterItReturns() {
            long id = api.createUser("redis-cut");
            api.put("/api/v1/users/" + id + "/increment?by=3", null);
            assertThat(api.count(id, "cache")).isEqualTo(3);

            redisProxy.cut();
            List<Long> answers = IntStream.range(0, 5)
                    .mapToObj(i -> api.put("/api/v1/users/" + id + "/increment", null)
                            .data()
                            .path("counter")
                            .asLong())
                    .toList();
            JsonNode duringOutage = api.get("/api/v1/users/" + id + "/count").data();
            int readiness = api.get("/actuator/health/readiness").status();
            redisProxy.restore();

            assertThat(answers).containsExactly(4L, 5L, 6L, 7L, 8L);
            assertThat(duringOutage.path("counter").asLong()).isEqualTo(8);
            assertThat(duringOutage.path("source").asString()).isEqualTo("database");
            assertThat(readiness).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode read = api.get("/api/v1/users/" + id + "/count").data();
                assertThat(read.path("source").asString()).isEqualTo("cache");
                assertThat(read.path("counter").asLong()).isEqualTo(8);
            });
        }

        @Test
        void mysqlCutAnswers503AndAcknowledgesNothing() {
            long id = api.createUser("mysql-cut");
            api.put("/api/v1/users/" + id + "/increment?by=2", null);

            mysqlProxy.cut();
            Api.Reply refused = api.put("/api/v1/users/" + id + "/increment?by=100", null);
            mysqlProxy.restore();

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("error").asString()).isEqualTo("database_unavailable");
            assertThat(refused.json().path("message").asString())
                    .isEqualTo("MySQL is unavailable; the request was not "
                            + "acknowledged and may or may not have been applied; retry it with the same Idempotency-Key to "
                            + "count it exactly once");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            api.put("/api/v1/users/" + id + "/increment", null).status() == 200);
            assertThat(api.count(id, "database")).isEqualTo(3);
            assertThat(api.count(id, "cache")).isEqualTo(3);
        }
    }

    @Nested
    class Operations {

        @Test
        void livenessAndReadinessAreUp() {
            assertThat(api.get("/actuator/health/liveness")
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("UP");
            assertThat(api.get("/actuator/health/readiness")
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("UP");
        }

        @Test
        void infoReportsTheEffectiveSettings() {
            JsonNode counter = api.get("/actuator/info").json().path("counter");

            assertThat(counter.path("consistency").asString()).isEqualTo("strong");
            assertThat(counter.path("syncIntervalMs").asLong()).isEqualTo(3_600_000);
            assertThat(counter.path("keyPrefix").asString()).isEqualTo(redis.prefix());
        }

        @Test
        void prometheusExposesTheCounterMeters() {
            long id = api.createUser("metered");
            api.put("/api/v1/users/" + id + "/increment", null);
            api.get("/api/v1/users/" + id + "/count");

            String metrics = api.get("/actuator/prometheus").text();

            assertThat(metrics)
                    .contains(
                            "counter_increments_total{mode=\"strong\"}",
                            "counter_cache_requests_total{result=\"hit\"}",
                            "counter_flush_lag_seconds",
                            "counter_sync_pending_amount");
        }

        @Test
        void prometheusExposesTheGroupCommitMeters() {
            long id = api.createUser("grouped");
            api.put("/api/v1/users/" + id + "/increment", null);

            String metrics = api.get("/actuator/prometheus").text();

            assertThat(metrics)
                    .contains(
                            "counter_strong_group_wait_seconds_count",
                            "counter_strong_group_size_increments_count",
                            "counter_strong_group_commit_seconds_count{outcome=\"committed\"}");
        }

        @Test
        void aStatementIsPreparedOnTheServerOnceAndThenReusedOnItsConnection() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                long before = sessionStatus(connection, "Com_stmt_prepare");
                for (int i = 0; i < 3; i++) {
                    try (PreparedStatement select =
                            connection.prepareStatement("SELECT counter FROM users WHERE id = ?")) {
                        select.setLong(1, 1);
                        select.executeQuery().close();
                    }
                }

                assertThat(sessionStatus(connection, "Com_stmt_prepare") - before)
                        .isEqualTo(1);
            }
        }

        @Test
        void theDriverAnswersSessionAndTransactionStateItself() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                PropertySet driver = connection.unwrap(JdbcConnection.class).getPropertySet();

                assertThat(driver.getBooleanProperty(PropertyKey.useLocalSessionState)
                                .getValue())
                        .isTrue();
                assertThat(driver.getBooleanProperty(PropertyKey.useLocalTransactionState)
                                .getValue())
                        .isTrue();
            }
        }

        private static long sessionStatus(Connection connection, String name) throws SQLException {
            try (Statement show = connection.createStatement();
                    ResultSet row = show.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
                row.next();
                return row.getLong(2);
            }
        }

        @Test
        void noopAnswersTheBareEnvelopeEvenWithBothStoresCut() {
            mysqlProxy.cut();
            redisProxy.cut();

            Api.Reply reply = api.get("/api/v1/noop");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).isEqualTo("{\"message\":\"ok\",\"data\":{}}");
        }

        @Test
        void onlyHealthInfoAndPrometheusAreExposed() {
            assertThat(api.get("/actuator/env").status()).isEqualTo(404);
            assertThat(api.get("/actuator/beans").status()).isEqualTo(404);
        }

        @Test
        void openApiDescribesTheUsersApi() {
            Api.Reply docs = api.get("/v3/api-docs");

            assertThat(docs.status()).isEqualTo(200);
            assertThat(docs.json().path("paths").has("/api/v1/users/{id}/increment"))
                    .isTrue();
            assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
        }
    }
}
