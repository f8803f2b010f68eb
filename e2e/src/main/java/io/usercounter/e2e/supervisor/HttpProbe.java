package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** An httpGet probe aimed at a replica's local port (the declared port is replaced, as SERVER_PORT is). */
record HttpProbe(String path, Duration timeout) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Empty when the container declares no httpGet probe: Kubernetes then counts a running container as passing. */
    static Optional<HttpProbe> of(Probe probe) {
        if (probe == null || probe.getHttpGet() == null) {
            return Optional.empty();
        }
        int seconds = probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds();
        String path =
                probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
        return Optional.of(new HttpProbe(path, Duration.ofSeconds(Math.max(1, seconds))));
    }

    /** Passes on 2xx and 3xx, like the kubelet. */
    boolean passes(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .GET()
                .build();
        try {
            int status =
                    HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
