package io.usercounter.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.CounterApplication;
import io.usercounter.app.fixture.Api;
import io.usercounter.app.fixture.RawHttp;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Random methods, paths, query strings, headers and bodies (deep JSON, huge numbers, invalid UTF-8,
 * 10 MB, trickled) sent to the running app over raw sockets: never a 5xx, never a stack trace or a
 * class name in a body, and afterwards the app is healthy and its heap has not grown.
 */
class FuzzedRequestsTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    // command-line arguments, so they win over application.yml (default properties would not)
    static final ConfigurableApplicationContext app = new SpringApplicationBuilder(CounterApplication.class)
            .run(
                    "--server.port=0",
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.jooq.sql-dialect=MARIADB",
                    "--counter.redis-url=" + redis.url(),
                    "--counter.key-prefix=" + redis.prefix(),
                    "--counter.consistency=eventual");
    static final int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    static final RawHttp http = new RawHttp(port);
    static final long user = new Api(port).createUser("fuzz-target");
    static final long heapBefore = usedHeapAfterGc();
    static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

    @AfterContainer
    static void stopApp() {
        app.close();
        redis.close();
        database.close();
    }

    @Property(tries = 300)
    void noRandomRequestGetsAServerErrorOrALeak(@ForAll("requests") FuzzRequest request) {
        assertAnswersCleanly(http.send(request.bytes()));
    }

    @Example
    void tenMegabyteBodyWithItsLengthIsRefusedAs413() {
        RawHttp.Reply reply = http.send(request("PUT", "/api/v1/users/" + user + "/count", false, new byte[10 << 20]));

        assertThat(reply.status()).isEqualTo(413);
        assertAnswersCleanly(reply);
    }

    @Example
    void tenMegabyteChunkedBodyIsRefusedAs413() {
        byte[] body = new byte[10 << 20];
        Arrays.fill(body, (byte) ' ');
        RawHttp.Reply reply = http.send(request("POST", "/api/v1/users", true, body));

        assertThat(reply.status()).isEqualTo(413);
        assertAnswersCleanly(reply);
    }

    @Example
    void aRequestTomcatRefusesGetsTheJsonErrorShapeWhateverItAccepts() {
        // Tomcat answers TRACE itself (405) and forwards to the error page, which saw an HTML Accept
        RawHttp.Reply reply =
                http.send(request("TRACE", "/api/v1/users/" + user, false, new byte[0], List.of("Accept: text/html")));

        assertThat(reply.status()).isEqualTo(405);
        // the raw body may arrive chunked around it
        assertThat(reply.body()).contains("{\"error\":\"method_not_allowed\",\"message\":\"Method Not Allowed\"}");
    }

    @Example
    void aClientTricklingItsRequestIsStillServed() {
        byte[] body = "{\"username\":\"trickled-user\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = http.send(request("POST", "/api/v1/users", false, body), Duration.ofMillis(40));

        assertThat(reply.status()).isEqualTo(201);
    }

    /** After every property: the app still answers health UP and holds no more heap than before. */
    @AfterProperty
    void appIsHealthyAndBounded() {
        assertThat(new Api(port).get("/actuator/health").json().path("status").asString())
                .isEqualTo("UP");
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
    }

    private static void assertAnswersCleanly(RawHttp.Reply reply) {
        assertThat(reply.status()).as(reply.statusLine()).isLessThan(500);
        assertThat(reply.body())
                .doesNotContain(
                        "Exception",
                        "\tat ",
                        "java.",
                        "org.springframework",
                        "org.apache",
                        "jakarta.",
                        "com.fasterxml",
                        "tools.jackson",
                        "io.usercounter",
                        "Whitelabel");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        Arbitrary<String> method =
                Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "BREW");
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.of(
                        Long.toString(user),
                        "0",
                        "-1",
                        "1.5",
                        "1e3",
                        "abc",
                        "99999999999999999999999",
                        "%00",
                        "%zz",
                        "%c0%ae",
                        "..%2f..",
                        "%E0%A5%A7",
                        "\u00ff\u00fe",
                        " "),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> path = Combinators.combine(
                        Arbitraries.of(
                                "/api/v1/users/{id}",
                                "/api/v1/users/{id}/count",
                                "/api/v1/users/{id}/increment",
                                "/api/v1/users/{id}/sync-status",
                                "/api/v1/users/{id}/sync",
                                "/api/v1/users",
                                "/api/v1/sync",
                                "/api/v1/noop",
                                "/actuator/health",
                                "/actuator/env",
                                "/actuator/heapdump",
                                "/v3/api-docs",
                                "/",
                                "/{id}",
                                "/api/v1/users/{id}/{id}"),
                        id)
                .as((template, value) -> template.replace("{id}", value));
        Arbitrary<String> query = Combinators.combine(
                        Arbitraries.of("by", "limit", "after_id", "source", "x", "by[]"),
                        Arbitraries.of(
                                "1",
                                "0",
                                "-5",
                                "1000001",
                                "99999999999999999999",
                                "abc",
                                "",
                                "%ff",
                                "database",
                                "cache",
                                "1".repeat(5000)))
                .as((key, value) -> key + "=" + value)
                .list()
                .ofMaxSize(3)
                .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        Arbitrary<String> header = Arbitraries.oneOf(
                Arbitraries.of(
                                "application/json",
                                "text/plain",
                                "application/json; charset=ISO-8859-1",
                                "multipart/form-data; boundary=x",
                                "application/xml",
                                "\u00ff/\u00fe",
                                "")
                        .map(type -> "Content-Type: " + type),
                Arbitraries.of("application/xml", "*/*", "text/html", "image/png")
                        .map(type -> "Accept: " + type),
                Arbitraries.strings().ofMaxLength(300).map(key -> "Idempotency-Key: " + key.replaceAll("[\r\n]", "")),
                Arbitraries.strings()
                        .ofMaxLength(40)
                        .map(token -> "Authorization: Bearer " + token.replaceAll("[\r\n]", "")),
                Arbitraries.just("X-Padding: " + "p".repeat(9000)));
        return Combinators.combine(
                        method, path, query, header.list().ofMaxSize(4), bodies(), Arbitraries.of(false, true))
                .as(FuzzRequest::new);
    }

    private static Arbitrary<Body> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Body.text("empty", ""))),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                        "{\"username\":\"fuzzed-name\"}",
                                        "{\"value\":5}",
                                        "{\"username\":5}",
                                        "{\"value\":\"5\"}",
                                        "{\"value\":1.5}",
                                        "{\"value\":-1}",
                                        "{\"value\":null}",
                                        "[]",
                                        "null",
                                        "{",
                                        "{\"username\":\"a\",\"username\":\"b\"}")
                                .map(json -> Body.text(json, json))),
                Tuple.of(
                        1,
                        Arbitraries.of(1_000, 100_000)
                                .map(depth -> Body.text(
                                        "nested " + depth + " deep",
                                        "{\"value\":" + "[".repeat(depth) + "]".repeat(depth) + "}"))),
                Tuple.of(
                        1,
                        Arbitraries.of("9".repeat(5000), "1e999999", "-0.0000000000000000000001", "1" + "0".repeat(400))
                                .map(number -> Body.text(
                                        "number of " + number.length() + " chars", "{\"value\":" + number + "}"))),
                Tuple.of(
                        1,
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofMinSize(1)
                                .ofMaxSize(64)
                                .map(bytes -> new Body("random bytes " + Arrays.toString(bytes), bytes))),
                Tuple.of(
                        1,
                        Arbitraries.just(new Body(
                                "invalid UTF-8 in a string",
                                concat(
                                        "{\"username\":\"".getBytes(StandardCharsets.UTF_8),
                                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                                        "\"}".getBytes(StandardCharsets.UTF_8))))),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200).map(text -> Body.text("text " + text, text))),
                Tuple.of(
                        1,
                        Arbitraries.just(
                                Body.text("100 KB string", "{\"username\":\"" + "x".repeat(100_000) + "\"}"))));
    }

    record Body(String description, byte[] bytes) {
        static Body text(String description, String text) {
            return new Body(
                    description.length() > 80 ? description.substring(0, 80) + "..." : description,
                    text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return description + " (" + bytes.length + " bytes)";
        }
    }

    record FuzzRequest(String method, String path, String query, List<String> headers, Body body, boolean chunked) {
        byte[] bytes() {
            return request(method, path + query, chunked, body.bytes(), headers);
        }
    }

    static byte[] request(String method, String target, boolean chunked, byte[] body) {
        return request(method, target, chunked, body, List.of("Content-Type: application/json"));
    }

    /** The request as raw bytes; header and target characters go out as ISO-8859-1, as on the wire. */
    static byte[] request(String method, String target, boolean chunked, byte[] body, List<String> headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        head.append("Connection: close\r\n");
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (!chunked) {
            return concat(start, body);
        }
        byte[] chunk = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = (body.length == 0 ? "" : "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return body.length == 0
                ? concat(start, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
                : concat(start, chunk, body, end);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
