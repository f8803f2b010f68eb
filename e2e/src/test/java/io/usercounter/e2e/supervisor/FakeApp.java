package io.usercounter.e2e.supervisor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stand-in container for the supervisor's own tests: ready at once, answers with its pid and env. */
public final class FakeApp {

    private FakeApp() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        // alive until the file named by SICK_FILE exists, so a test can fail the liveness probe at will
        server.createContext("/live", exchange -> {
            String sick = System.getenv("SICK_FILE");
            exchange.sendResponseHeaders(sick != null && Files.exists(Path.of(sick)) ? 500 : 200, -1);
            exchange.close();
        });
        server.createContext("/whoami", exchange -> {
            byte[] body = (ProcessHandle.current().pid() + " " + System.getenv("GREETING") + " "
                            + System.getenv().size())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
