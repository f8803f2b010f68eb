package io.usercounter.app.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The one shared Lettuce connection (it pipelines the commands of concurrent callers). It connects
 * lazily, so the app starts while Redis is down; Lettuce reconnects it afterwards, and commands
 * issued while disconnected are rejected at once instead of queued.
 */
public class RedisLink implements AutoCloseable {

    private static final long RETRY_CONNECT_AFTER_MS = 1_000;

    private final RedisClient client;
    private final List<LuaScript> scripts;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;

    public RedisLink(RedisClient client, List<LuaScript> scripts) {
        this.client = client;
        this.scripts = scripts;
    }

    public <T> T run(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        RedisCommands<String, String> commands = commands();
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

    /** Sends every call before awaiting any: the shared connection pipelines them. */
    public <T> List<T> runPipelined(LuaScript script, ScriptOutputType type, List<String[]> keys, String... args) {
        return runEach(script, type, keys, Collections.nCopies(keys.size(), args));
    }

    /** Like runPipelined, with arguments of their own for each call. */
    public <T> List<T> runEach(LuaScript script, ScriptOutputType type, List<String[]> keys, List<String[]> args) {
        RedisAsyncCommands<String, String> async = connection().async();
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
                    throw e.getCause() instanceof RedisException cause ? unavailable(cause)
                            : new CacheUnavailableException("Redis is unavailable: " + e.getCause(), e.getCause());
                }
                results.add(run(script, type, keys.get(i), args.get(i)));
            }
        }
        return results;
    }

    public <T> T call(Function<RedisCommands<String, String>, T> command) {
        RedisCommands<String, String> commands = commands();
        try {
            return command.apply(commands);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    public boolean isConnected() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    private RedisCommands<String, String> commands() {
        return connection().sync();
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null ? current : connect();
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
        if (connection != null) {
            return connection;
        }
        if (System.currentTimeMillis() < nextConnectAttempt) {
            throw new CacheUnavailableException("Redis is not reachable", null);
        }
        try {
            StatefulRedisConnection<String, String> opened = client.connect();
            scripts.forEach(script -> opened.sync().scriptLoad(script.source()));
            connection = opened;
            return opened;
        } catch (RedisException e) {
            nextConnectAttempt = System.currentTimeMillis() + RETRY_CONNECT_AFTER_MS;
            throw unavailable(e);
        }
    }

    private static CacheUnavailableException unavailable(RedisException e) {
        return new CacheUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
