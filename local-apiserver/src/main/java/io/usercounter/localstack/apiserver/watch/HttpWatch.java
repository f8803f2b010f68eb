package io.usercounter.localstack.apiserver.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.usercounter.localstack.apiserver.store.ObjectStore;
import io.usercounter.localstack.apiserver.store.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches over plain HTTP (kubectl wait, client-go), which the stock mock only serves over WebSocket. The mock
 * cannot stream a response, so each watch request is answered with the changes since its resourceVersion and then
 * ends; client-go's reflector watches again from the last version it saw. With nothing to report, the (empty)
 * answer is held back a while, so that the next watch is not a busy loop.
 */
public final class HttpWatch {

    // just over client-go's one second, under which a watch without events counts as failed and backs off
    static final Duration QUIET_WATCH_LENGTH = Duration.ofMillis(1200);
    private static final Pattern RESOURCE_VERSION = Pattern.compile("[?&]resourceVersion=(\\d+)");

    private final ObjectStore store;

    public HttpWatch(ObjectStore store) {
        this.store = store;
    }

    /** Whether a watch request wants HTTP streaming rather than a WebSocket upgrade. */
    public static boolean isHttpWatch(String upgradeHeader) {
        return !upgradeHeader.toLowerCase(java.util.Locale.ROOT).contains("websocket");
    }

    /** The events since the request's resourceVersion, each object shown through {@code view}. */
    public MockResponse respond(String path, UnaryOperator<JsonNode> view) {
        Matcher version = RESOURCE_VERSION.matcher(path);
        long since = version.find() ? Long.parseLong(version.group(1)) : 0;
        List<WatchEvent> events = store.changesSince(path, since);
        MockResponse response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json");
        if (events.isEmpty()) {
            return response.setBody("\n").setBodyDelay(QUIET_WATCH_LENGTH);
        }
        StringBuilder body = new StringBuilder();
        for (WatchEvent event : events) {
            body.append(Serialization.asJson(JsonNodeFactory.instance
                            .objectNode()
                            .put("type", event.type())
                            .set("object", view.apply(event.object()))))
                    .append('\n');
        }
        return response.setBody(body.toString());
    }
}
