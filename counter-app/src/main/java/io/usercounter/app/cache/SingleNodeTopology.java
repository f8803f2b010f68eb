package io.usercounter.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Standalone, or Sentinel: for a redis-sentinel:// URI Lettuce asks the sentinels for the master on
 * every (re)connect, so after a failover the reconnected link writes to the new master.
 */
public class SingleNodeTopology implements RedisTopology {

    /** The one master: every key's slot is served there. */
    private static final String MASTER = "master";

    private final RedisClient client;
    private final RedisURI uri;
    private final boolean sentinel;
    private final Integer replicasToConfirm;
    private final ClaimConnections claims;

    /** @param replicasToConfirm COUNTER_REDIS_REPLICAS_TO_CONFIRM, null when unset */
    public SingleNodeTopology(ClientResources resources, RedisURI uri, Duration timeout, Integer replicasToConfirm) {
        this.uri = uri;
        this.replicasToConfirm = replicasToConfirm;
        client = RedisClient.create(resources, uri);
        sentinel = !uri.getSentinels().isEmpty();
        client.setOptions(
                RedisTopology.failFast(ClientOptions.builder(), timeout).build());
        claims = new ClaimConnections(resources, timeout);
    }

    @Override
    public RedisSession connect() {
        return RedisSession.of(client.connect());
    }

    /** Through a sentinel URI each (re)opened claim connection asks the sentinels for the current master. */
    @Override
    public StatefulRedisConnection<String, String> claimConnection(String key) {
        return claims.to(MASTER, uri);
    }

    /**
     * A Sentinel set may promote any replica, so by default every connected replica must hold the claim,
     * and at least one (with none in sync, flushes pause). A standalone Redis has no failover.
     */
    @Override
    public int replicasToConfirm(IntSupplier connectedReplicas) {
        if (replicasToConfirm != null) {
            return replicasToConfirm;
        }
        return sentinel ? Math.max(1, connectedReplicas.getAsInt()) : 0;
    }

    @Override
    public void shutdown() {
        claims.close();
        client.shutdown();
    }
}
