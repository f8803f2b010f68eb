package io.usercounter.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections of their own for flush claims, one per master, never the shared one: a claim's WAIT blocks
 * its connection. They never reconnect by themselves, so a claim's script and its WAIT (which counts the
 * writes of its own connection) run on one connection or fail; a closed one is opened again on next use.
 */
final class ClaimConnections {

    private final RedisClient client;
    private final Map<String, StatefulRedisConnection<String, String>> open = new ConcurrentHashMap<>();

    /** @param timeout the command timeout; a WAIT may take its own timeout on top of it */
    ClaimConnections(ClientResources resources, Duration timeout) {
        client = RedisClient.create(resources);
        client.setOptions(RedisTopology.failFast(ClientOptions.builder(), timeout.plus(ConfirmedClaims.WAIT_TIMEOUT))
                .autoReconnect(false)
                .build());
    }

    /** The open connection named {@code master}, connected to {@code uri} if there is none yet or it was closed. */
    StatefulRedisConnection<String, String> to(String master, RedisURI uri) {
        return open.compute(
                master, (name, current) -> current != null && current.isOpen() ? current : client.connect(uri));
    }

    void close() {
        open.values().forEach(StatefulRedisConnection::close);
        client.shutdown();
    }
}
