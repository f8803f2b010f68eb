package io.usercounter.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.usercounter.app.config.RedisTarget;
import java.time.Duration;
import java.util.function.IntSupplier;

/** How the app reaches Redis: one node (Standalone, or the master a Sentinel set names) or a Cluster. */
public interface RedisTopology {

    /** Opens the one shared connection; throws a Lettuce RedisException when Redis is unreachable. */
    RedisSession connect();

    void shutdown();

    /**
     * A connection of its own (see ClaimConnections) to the master that serves {@code key}'s slot, for a
     * flush claim and its WAIT; throws a Lettuce RedisException when that master is unreachable.
     */
    StatefulRedisConnection<String, String> claimConnection(String key);

    /**
     * A claim on {@code connection} failed: it is closed, so the next claim connects to whichever master
     * then serves the slot (after a MOVED, a failover, a dropped connection or a timeout).
     */
    default void claimFailed(StatefulRedisConnection<String, String> connection, RedisException cause) {
        connection.close();
    }

    /**
     * Replicas that must hold a flush claim before MySQL gets it: a failover to a replica without the
     * claim would hand out the same amounts again, and they would be counted twice.
     *
     * @param connectedReplicas how many replicas the claim's master reports connected (read only if needed)
     */
    int replicasToConfirm(IntSupplier connectedReplicas);

    /** @param replicasToConfirm COUNTER_REDIS_REPLICAS_TO_CONFIRM, null when unset (the topology's default) */
    static RedisTopology of(
            ClientResources resources, RedisTarget target, Duration timeout, Integer replicasToConfirm) {
        return switch (target.mode()) {
            case STANDALONE, SENTINEL ->
                new SingleNodeTopology(resources, target.uris().get(0), timeout, replicasToConfirm);
            case CLUSTER -> new ClusterTopology(resources, target.uris(), timeout, replicasToConfirm);
        };
    }

    /** Fails fast while Redis is away: short timeouts, and commands are rejected rather than queued. */
    static <B extends ClientOptions.Builder> B failFast(B options, Duration timeout) {
        options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build());
        return options;
    }
}
