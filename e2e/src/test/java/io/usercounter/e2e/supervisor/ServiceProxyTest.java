package io.usercounter.e2e.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceProxyTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    /** A backend that answers every connection with its name and hangs up. */
    private int backend(String name) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        opened.add(server);
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write(name.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }

    private ServiceProxy proxy(List<Integer> readyPorts) throws IOException {
        ServiceProxy proxy = new ServiceProxy("test", () -> readyPorts);
        opened.add(proxy);
        return proxy;
    }

    private static String answer(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void connectionsGoRoundRobinOverTheReadyPods() throws IOException {
        ServiceProxy proxy = proxy(List.of(backend("a"), backend("b")));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(answer(proxy.port()));
        }

        assertThat(answers).containsExactly("a", "b", "a", "b");
    }

    @Test
    void aServiceWithoutReadyPodsClosesTheConnectionAtOnce() throws IOException {
        ServiceProxy proxy = proxy(List.of());

        assertThat(answer(proxy.port())).isEmpty();
    }

    @Test
    void retargetingKeepsThePort() throws IOException {
        ServiceProxy proxy = proxy(List.of(backend("a")));
        int port = proxy.port();
        int b = backend("b");

        proxy.retarget(() -> List.of(b));

        assertThat(proxy.port()).isEqualTo(port);
        assertThat(answer(port)).isEqualTo("b");
    }
}
