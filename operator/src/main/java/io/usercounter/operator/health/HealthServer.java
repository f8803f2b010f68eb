package io.usercounter.operator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process answers), {@code /readyz} (the given readiness) and {@code /metrics} (Prometheus). */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(int port, BooleanSupplier ready, PrometheusMeterRegistry registry) {
        try {
            var server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok"));
            server.createContext("/readyz", exchange -> {
                boolean isReady = ready.getAsBoolean();
                respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready" : "not ready");
            });
            server.createContext(
                    "/metrics",
                    exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            server.start();
            return new HealthServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on OPERATOR_HEALTH_PORT " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
