package io.usercounter.app.cache;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/** Redis Cluster from seed nodes; each command goes to the master of its key's slot. */
public class ClusterTopology implements RedisTopology {

    /** A slot moved by resharding or failover is found at the latest this long after it moved. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);

    private final RedisClusterClient client;
    /** Credentials and TLS of a node connection are the seeds'. */
    private final RedisURI seed;

    private final Integer replicasToConfirm;
    private final ClaimConnections claims;

    /** @param replicasToConfirm COUNTER_REDIS_REPLICAS_TO_CONFIRM, null when unset */
    public ClusterTopology(
            ClientResources resources, List<RedisURI> seeds, Duration timeout, Integer replicasToConfirm) {
        this.seed = seeds.get(0);
        this.replicasToConfirm = replicasToConfirm;
        client = RedisClusterClient.create(resources, seeds);
        ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(PERIODIC_REFRESH)
                // MOVED/ASK redirects and reconnect storms still refresh at once: Lettuce 7 enables every adaptive
                // trigger
                .build();
        client.setOptions(RedisTopology.failFast(ClusterClientOptions.builder(), timeout)
                .topologyRefreshOptions(refresh)
                .build());
        claims = new ClaimConnections(resources, timeout);
    }

    @Override
    public RedisSession connect() {
        return RedisSession.of(client.connect());
    }

    /**
     * A plain connection to the slot's master as the client's current view names it, so that WAIT asks
     * that master's replicas. Not the cluster connection's own node connection (getConnection(nodeId)):
     * that one carries the node's share of every increment, which a WAIT would hold up.
     */
    @Override
    public StatefulRedisConnection<String, String> claimConnection(String key) {
        RedisClusterNode master = client.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            throw new RedisException("no master serves the slot of " + key);
        }
        RedisURI node = master.getUri();
        return claims.to(
                node.getHost() + ":" + node.getPort(),
                RedisURI.builder(seed)
                        .withHost(node.getHost())
                        .withPort(node.getPort())
                        .build());
    }

    /** A MOVED or an unreachable master may mean the slot has another master now: refresh the view. */
    @Override
    public void claimFailed(StatefulRedisConnection<String, String> connection, RedisException cause) {
        connection.close();
        if (cause instanceof RedisConnectionException
                || String.valueOf(cause.getMessage()).startsWith("MOVED")) {
            client.refreshPartitionsAsync();
        }
    }

    /** A master's replica may be promoted, so by default every replica its master reports connected. */
    @Override
    public int replicasToConfirm(IntSupplier connectedReplicas) {
        return replicasToConfirm != null ? replicasToConfirm : connectedReplicas.getAsInt();
    }

    @Override
    public void shutdown() {
        claims.close();
        client.shutdown();
    }
}
