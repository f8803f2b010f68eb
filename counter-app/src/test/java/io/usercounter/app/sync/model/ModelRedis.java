package io.usercounter.app.sync.model;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.fixture.PrivateRedis;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The model test's own Redis, reached directly (not through a replica's proxy) to look at it and to fault it. */
final class ModelRedis implements AutoCloseable {

    private static final Pattern SCRIPT_CALLS = Pattern.compile("cmdstat_eval(?:sha)?:calls=(\\d+)");

    final PrivateRedis server = new PrivateRedis();
    final CounterKeys keys;
    private final RedisClient client = RedisClient.create(server.url());
    private final StatefulRedisConnection<String, String> connection = client.connect();

    ModelRedis(String keyPrefix) {
        keys = new CounterKeys(keyPrefix);
        // Lettuce 7 has no client-wide default timeout: the one connection gets it
        connection.setTimeout(Duration.ofSeconds(20));
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    long pending(long user) {
        String pending = commands().hget(keys.sync(user), "pending");
        return pending == null ? 0 : Long.parseLong(pending);
    }

    /** Scripts Redis has run (or refused with NOSCRIPT), over all connections: a command reached it. */
    long scriptCalls() {
        Matcher calls = SCRIPT_CALLS.matcher(commands().info("commandstats"));
        long total = 0;
        while (calls.find()) {
            total += Long.parseLong(calls.group(1));
        }
        return total;
    }

    void expireSnapshot(long user) {
        commands().del(keys.snapshot(user));
    }

    /** Redis restarting without persistence, as far as the data goes: no keys, no cached scripts. */
    void loseEverything() {
        commands().flushall();
        commands().scriptFlush();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        server.close();
    }
}
