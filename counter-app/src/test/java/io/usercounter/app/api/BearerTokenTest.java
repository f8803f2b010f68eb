package io.usercounter.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.fixture.Api;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** COUNTER_AUTH_TOKEN set: writes under /api/v1 need it as a bearer token, everything else stays open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class BearerTokenTest {

    static final String TOKEN = "tok-5e1f0a9c-only-in-this-test";
    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.jooq.sql-dialect", () -> "MARIADB");
        registry.add("counter.redis-url", redis::url);
        registry.add("counter.key-prefix", redis::prefix);
        registry.add("counter.auth-token", () -> TOKEN);
    }

    @AfterAll
    static void dropStores() {
        redis.close();
        database.close();
    }

    @LocalServerPort
    int port;

    Api api;
    long user;

    @BeforeEach
    void createUser() {
        api = new Api(port);
        Api.Reply created = api.send(
                "POST",
                "/api/v1/users",
                "{\"username\":\"auth-" + System.nanoTime() + "\"}",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
        assertThat(created.status()).isEqualTo(201);
        user = created.data().path("id").asLong();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST,   /api/v1/users",
        "PUT,    /api/v1/users/{id}/increment",
        "POST,   /api/v1/users/{id}/increment",
        "PUT,    /api/v1/users/{id}/count",
        "DELETE, /api/v1/users/{id}",
        "POST,   /api/v1/users/{id}/sync",
        "POST,   /api/v1/sync"
    })
    void everyWriteWithoutATokenIsRefusedWithABearerChallenge(String method, String path) {
        Api.Reply reply = api.send(
                method,
                path.replace("{id}", Long.toString(user)),
                "{\"value\":5}",
                Map.of("Content-Type", "application/json"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").asString()).isEqualTo("unauthorized");
        assertThat(reply.json().path("message").asString())
                .isEqualTo("this write needs an Authorization: Bearer token");
        assertThat(api.count(user, "database")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer "})
    void aWriteWithAnotherTokenOrSchemeIsRefused(String authorization) {
        Api.Reply reply =
                api.send("PUT", "/api/v1/users/" + user + "/increment", null, Map.of("Authorization", authorization));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").asString()).isEqualTo("unauthorized");
        assertThat(api.count(user, "database")).isZero();
    }

    @Test
    void theRefusalCarriesTheBearerChallengeHeader() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/v1/users/" + user + "/increment"))
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
    }

    @Test
    void aWriteWithTheTokenIsApplied() {
        Api.Reply reply = api.send(
                "PUT", "/api/v1/users/" + user + "/increment?by=3", null, Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.count(user, "database")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/users/{id}",
                "/api/v1/users/{id}/count",
                "/api/v1/users/{id}/sync-status",
                "/api/v1/users?limit=5",
                "/actuator/health",
                "/actuator/info",
                "/actuator/prometheus"
            })
    void readsHealthInfoAndMetricsNeedNoToken(String path) {
        assertThat(api.get(path.replace("{id}", Long.toString(user))).status()).isEqualTo(200);
    }

    @Test
    void theTokenNeverReachesTheLog(CapturedOutput output) {
        api.send("PUT", "/api/v1/users/" + user + "/increment", null, Map.of("Authorization", "Bearer " + TOKEN));
        api.send("PUT", "/api/v1/users/" + user + "/increment", null, Map.of("Authorization", "Bearer wrong"));

        assertThat(output.getAll()).contains("Started").doesNotContain(TOKEN);
    }
}
