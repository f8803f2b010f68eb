package io.usercounter.app.cache;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * One open connection of any topology, seen through the command interfaces a single node and a
 * Cluster share (scripting, hashes, sets, keys, ping), so the rest of the app does not care which.
 */
public record RedisSession(
        StatefulConnection<String, String> connection,
        RedisClusterCommands<String, String> sync,
        RedisClusterAsyncCommands<String, String> async) {

    static RedisSession of(StatefulRedisConnection<String, String> connection) {
        return new RedisSession(connection, connection.sync(), connection.async());
    }

    static RedisSession of(StatefulRedisClusterConnection<String, String> connection) {
        return new RedisSession(connection, connection.sync(), connection.async());
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    void close() {
        connection.close();
    }
}
