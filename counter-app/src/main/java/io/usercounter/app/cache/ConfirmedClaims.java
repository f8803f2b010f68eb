package io.usercounter.app.cache;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * Flush claims, each followed by a WAIT for the replicas the topology requires, both on a connection of
 * their own to the claim's master (WAIT counts the writes of the connection it runs on, and blocks it).
 * A claim its replicas do not confirm in time is refused: its batches stay claimed and the next flush
 * hands them out again, under the same seq. A delete's eviction runs here too, so that its tombstone
 * survives a failover before the delete is answered.
 */
final class ConfirmedClaims {

    /** How long a claim waits for its replicas: a healthy one answers in a round trip. */
    static final Duration WAIT_TIMEOUT = Duration.ofMillis(200);

    private final RedisTopology topology;

    ConfirmedClaims(RedisTopology topology) {
        this.topology = topology;
    }

    <T> T run(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        StatefulRedisConnection<String, String> connection;
        try {
            connection = topology.claimConnection(keys[0]);
        } catch (RedisException e) {
            throw new CacheUnavailableException("Redis is unavailable for a claim: " + e.getMessage(), e);
        }
        // one claim at a time per connection: a claim queued behind another's WAIT would spend its own
        // command timeout there, and its timeout closes the connection under every claim behind it
        synchronized (connection) {
            try {
                RedisCommands<String, String> commands = connection.sync();
                int required = topology.replicasToConfirm(() -> connectedReplicas(commands));
                T reply = eval(commands, script, type, keys, args);
                if (required > 0) {
                    long confirmed = commands.waitForReplication(required, WAIT_TIMEOUT.toMillis());
                    if (confirmed < required) {
                        throw new CacheUnavailableException(
                                script.name() + " confirmed by " + confirmed + " of " + required
                                        + " required replicas; a failover could undo it, so it is not relied on",
                                null);
                    }
                }
                return reply;
            } catch (RedisException e) {
                topology.claimFailed(connection, e);
                throw new CacheUnavailableException("Redis is unavailable for a claim: " + e.getMessage(), e);
            }
        }
    }

    private static <T> T eval(
            RedisCommands<String, String> commands,
            LuaScript script,
            ScriptOutputType type,
            String[] keys,
            String... args) {
        try {
            return commands.evalsha(script.sha(), type, keys, args);
        } catch (RedisNoScriptException e) {
            // a master this connection has not used before, or one that restarted: EVAL sends the script and caches it
            return commands.eval(script.source(), type, keys, args);
        }
    }

    /** connected_slaves of INFO replication: the replicas this master streams its writes to now. */
    private static int connectedReplicas(RedisCommands<String, String> commands) {
        return commands.info("replication")
                .lines()
                .filter(line -> line.startsWith("connected_slaves:"))
                .mapToInt(line -> Integer.parseInt(
                        line.substring("connected_slaves:".length()).strip()))
                .findFirst()
                .orElse(0);
    }
}
