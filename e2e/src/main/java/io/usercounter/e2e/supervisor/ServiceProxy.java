package io.usercounter.e2e.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Service's cluster IP, locally: a loopback TCP port that spreads connections round-robin over ready pods. */
final class ServiceProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

    private final String service;
    private volatile Supplier<List<Integer>> readyPorts;
    private final ServerSocket listener;
    private final ExecutorService connections;
    private final AtomicInteger next = new AtomicInteger();

    ServiceProxy(String service, Supplier<List<Integer>> readyPorts) throws IOException {
        this.service = service;
        this.readyPorts = readyPorts;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "proxy-" + service);
            thread.setDaemon(true);
            return thread;
        });
        connections.execute(this::acceptLoop);
    }

    /** Follows a changed selector without changing the published port. */
    void retarget(Supplier<List<Integer>> readyPorts) {
        this.readyPorts = readyPorts;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.execute(() -> forward(client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("{}: accept failed: {}", service, e.toString());
                }
            }
        }
    }

    private void forward(Socket client) {
        List<Integer> ports = readyPorts.get();
        if (ports.isEmpty()) {
            // like a Service without ready endpoints: the connection is refused
            closeQuietly(client);
            return;
        }
        int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
        try {
            Socket backend = new Socket();
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            connections.execute(() -> pump(backend, client));
            pump(client, backend);
        } catch (IOException e) {
            LOG.debug("{}: backend 127.0.0.1:{} unreachable: {}", service, port, e.toString());
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side went away; closing both ends tells the other side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        connections.shutdownNow();
    }
}
