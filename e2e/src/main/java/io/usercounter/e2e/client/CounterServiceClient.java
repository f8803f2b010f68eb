package io.usercounter.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The counter service's REST API (counter-app/README.md) as seen through a Service: a base URL, plus the Host header an
 * Ingress routes on when the base URL is the ingress controller's address, and the bearer token writes need when
 * the UserCounter sets spec.auth.
 */
public final class CounterServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: the status code and the parsed body ({@code data} or the error shape). */
    public record Reply(int status, JsonNode body) {

        public JsonNode data() {
            return body.path("data");
        }

        public Reply expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final URI base;
    private final Optional<String> host;
    private final Optional<String> bearerToken;
    private final HttpClient http;

    public CounterServiceClient(URI base, Optional<String> host) {
        this(base, host, Optional.empty());
    }

    private CounterServiceClient(URI base, Optional<String> host, Optional<String> bearerToken) {
        this.base = base;
        this.host = host;
        this.bearerToken = bearerToken;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** The same service, with {@code Authorization: Bearer <token>} on every request. */
    public CounterServiceClient withBearerToken(String token) {
        return new CounterServiceClient(base, host, Optional.of(token));
    }

    public URI base() {
        return base;
    }

    public Reply createUser(String username) {
        return send(
                "POST",
                "/api/v1/users",
                JSON.createObjectNode().put("username", username).toString(),
                Optional.empty());
    }

    /** Creates the user, or finds it when a previous run created it already (409 username_taken). */
    public long createOrFindUser(String username) {
        Reply created = createUser(username);
        if (created.status() == 201) {
            return created.data().path("id").asLong();
        }
        created.expect(409);
        for (JsonNode user : send("GET", "/api/v1/users?limit=1000", null, Optional.empty())
                .expect(200)
                .data()
                .path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user.path("id").asLong();
            }
        }
        throw new IllegalStateException("user " + username + " is taken but not listed");
    }

    public Reply increment(long userId, long by, Optional<String> idempotencyKey) {
        return send("PUT", "/api/v1/users/" + userId + "/increment?by=" + by, null, idempotencyKey);
    }

    public Reply user(long userId) {
        return send("GET", "/api/v1/users/" + userId, null, Optional.empty());
    }

    public Reply count(long userId, boolean fromDatabase) {
        return send(
                "GET",
                "/api/v1/users/" + userId + "/count" + (fromDatabase ? "?source=database" : ""),
                null,
                Optional.empty());
    }

    public Reply deleteUser(long userId) {
        return send("DELETE", "/api/v1/users/" + userId, null, Optional.empty());
    }

    public Reply syncAll() {
        return send("POST", "/api/v1/sync", null, Optional.empty());
    }

    public Reply info() {
        return send("GET", "/actuator/info", null, Optional.empty());
    }

    public Reply send(String method, String pathAndQuery, String jsonBody, Optional<String> idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        host.ifPresent(h -> request.header("Host", h));
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(
                    response.statusCode(),
                    body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(pathAndQuery) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
