package io.usercounter.app.cache;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The one shared Lettuce connection (it pipelines the commands of concurrent callers), of whichever
 * topology COUNTER_REDIS_MODE names. It connects
 * lazily, so the app starts while Redis is down; Lettuce reconnects it afterwards, and commands
 * issued while disconnected are rejected at once instead of queued. Flush claims do not use it: their
 * WAIT would hold up everything pipelined behind it (see ConfirmedClaims).
 */
public class RedisLink implements AutoCloseable {

    static final long RETRY_CONNECT_AFTER_NS = 1_000_000_000L;
    /** How Lettuce rejects a command unsent while disconnected (REJECT_COMMANDS): no exception type of its own. */
    private static final String REJECTED_UNSENT = "Currently not connected. Commands are rejected.";

    private final RedisTopology topology;
    private final ConfirmedClaims claims;
    private volatile RedisSession connection;
    /** A monotonic clock: a wall-clock step back would otherwise stop reconnecting for as long as the step. */
    private final LongSupplier nanoTime;

    private volatile long nextConnectAttempt;
    private volatile boolean connectFailed;

    public RedisLink(RedisTopology topology) {
        this(topology, System::nanoTime);
    }

    RedisLink(RedisTopology topology, LongSupplier nanoTime) {
        this.topology = topology;
        this.nanoTime = nanoTime;
        this.claims = new ConfirmedClaims(topology);
    }

    public <T> T run(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        RedisClusterCommands<String, String> commands = commands();
        try {
            try {
                return commands.evalsha(script.sha(), type, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted and forgot the script: EVAL sends it again and caches it
                return commands.eval(script.source(), type, keys, args);
            }
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /**
     * Runs a script, not on the shared connection but on one of its own to the master of its keys' slot,
     * and returns once its writes reached the replicas the topology requires, or throws.
     */
    public <T> T runConfirmed(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        return claims.run(script, type, keys, args);
    }

    /** Sends every call before awaiting any: the shared connection pipelines them. */
    public <T> List<T> runPipelined(LuaScript script, ScriptOutputType type, List<String[]> keys, String... args) {
        return runEach(script, type, keys, Collections.nCopies(keys.size(), args));
    }

    /** Like runPipelined, with arguments of their own for each call. */
    public <T> List<T> runEach(LuaScript script, ScriptOutputType type, List<String[]> keys, List<String[]> args) {
        RedisClusterAsyncCommands<String, String> async = connection().async();
        List<RedisFuture<T>> replies = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            replies.add(async.evalsha(script.sha(), type, keys.get(i), args.get(i)));
        }
        List<T> results = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            try {
                results.add(replies.get(i).toCompletableFuture().join());
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) {
                    throw e.getCause() instanceof RedisException cause
                            ? unavailable(cause)
                            : new CacheUnavailableException("Redis is unavailable: " + e.getCause(), e.getCause());
                }
                results.add(run(script, type, keys.get(i), args.get(i)));
            }
        }
        return results;
    }

    public <T> T call(Function<RedisClusterCommands<String, String>, T> command) {
        RedisClusterCommands<String, String> commands = commands();
        try {
            return command.apply(commands);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    public boolean isConnected() {
        RedisSession current = connection;
        return current != null && current.isOpen();
    }

    private RedisClusterCommands<String, String> commands() {
        return connection().sync();
    }

    private RedisSession connection() {
        RedisSession current = connection;
        return current != null ? current : connect();
    }

    private synchronized RedisSession connect() {
        if (connection != null) {
            return connection;
        }
        if (connectFailed && nanoTime.getAsLong() - nextConnectAttempt < 0) {
            throw CacheUnavailableException.notRun("Redis is not reachable", null);
        }
        try {
            RedisSession opened = topology.connect();
            for (CounterScript script : CounterScript.values()) {
                opened.sync().scriptLoad(script.lua().source());
            }
            connection = opened;
            return opened;
        } catch (RedisException e) {
            nextConnectAttempt = nanoTime.getAsLong() + RETRY_CONNECT_AFTER_NS;
            connectFailed = true;
            // the caller's command waits for this connection: it was never sent
            throw CacheUnavailableException.notRun("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    /** Only a command that never left the app is known not to have run; a timed-out one may have. */
    private static CacheUnavailableException unavailable(RedisException e) {
        String message = "Redis is unavailable: " + e.getMessage();
        return e instanceof RedisConnectionException || REJECTED_UNSENT.equals(e.getMessage())
                ? CacheUnavailableException.notRun(message, e)
                : new CacheUnavailableException(message, e);
    }

    @Override
    public void close() {
        RedisSession current = connection;
        if (current != null) {
            current.close();
        }
    }
}
