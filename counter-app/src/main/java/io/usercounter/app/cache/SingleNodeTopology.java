package io.usercounter.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * Standalone, or Sentinel: for a redis-sentinel:// URI Lettuce asks the sentinels for the master on
 * every (re)connect, so after a failover the reconnected link writes to the new master.
 */
public class SingleNodeTopology implements RedisTopology {

    private final RedisClient client;
    private final boolean sentinel;

    public SingleNodeTopology(ClientResources resources, RedisURI uri, Duration timeout) {
        client = RedisClient.create(resources, uri);
        sentinel = !uri.getSentinels().isEmpty();
        client.setOptions(RedisTopology.failFast(ClientOptions.builder(), timeout).build());
    }

    @Override
    public RedisSession connect() {
        return RedisSession.of(client.connect());
    }

    /** A Sentinel set promotes a replica: it must have the claim. A standalone Redis has no failover. */
    @Override
    public int replicasToConfirm() {
        return sentinel ? 1 : 0;
    }

    @Override
    public void shutdown() {
        client.shutdown();
    }
}
