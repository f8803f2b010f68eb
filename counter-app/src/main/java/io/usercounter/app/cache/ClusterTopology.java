package io.usercounter.app.cache;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;

/** Redis Cluster from seed nodes; each command goes to the master of its key's slot. */
public class ClusterTopology implements RedisTopology {

    /** A slot moved by resharding or failover is found at the latest this long after it moved. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);

    private final RedisClusterClient client;

    public ClusterTopology(ClientResources resources, List<RedisURI> seeds, Duration timeout) {
        client = RedisClusterClient.create(resources, seeds);
        ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(PERIODIC_REFRESH)
                // MOVED/ASK redirects and reconnect storms trigger a refresh at once
                .enableAllAdaptiveRefreshTriggers()
                .build();
        client.setOptions(RedisTopology.failFast(ClusterClientOptions.builder(), timeout)
                .topologyRefreshOptions(refresh)
                .build());
    }

    @Override
    public RedisSession connect() {
        return RedisSession.of(client.connect());
    }

    /** WAIT would reach an arbitrary node, not the claim's master; see the README for Cluster failover. */
    @Override
    public int replicasToConfirm() {
        return 0;
    }

    @Override
    public void shutdown() {
        client.shutdown();
    }
}
