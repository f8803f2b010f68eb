package io.usercounter.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.usercounter.app.config.RedisTarget;
import java.time.Duration;

/** How the app reaches Redis: one node (Standalone, or the master a Sentinel set names) or a Cluster. */
public interface RedisTopology {

    /** Opens the one shared connection; throws a Lettuce RedisException when Redis is unreachable. */
    RedisSession connect();

    void shutdown();

    /**
     * Replicas that must hold a flush claim before MySQL gets it: a failover to a replica without the
     * claim would hand out the same amounts again, and they would be counted twice.
     */
    int replicasToConfirm();

    static RedisTopology of(ClientResources resources, RedisTarget target, Duration timeout) {
        return switch (target.mode()) {
            case STANDALONE, SENTINEL -> new SingleNodeTopology(resources, target.uris().get(0), timeout);
            case CLUSTER -> new ClusterTopology(resources, target.uris(), timeout);
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
