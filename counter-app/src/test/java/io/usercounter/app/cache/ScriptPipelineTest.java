package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.store.CounterSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Script calls of concurrent callers share writes, and each caller still gets its own reply, in order. */
class ScriptPipelineTest {

    static final int CALLERS = 32;
    static final int CALLS_EACH = 50;

    static final TestRedis redis = new TestRedis();
    static final ClientResources resources = RedisConfiguration.resources();
    static final RedisClient client = RedisConfiguration.client(resources, redis.url(), Duration.ofMillis(500));
    static final Map<String, LuaScript> scripts = CounterCache.loadScripts();
    static final RedisLink link = new RedisLink(client, List.copyOf(scripts.values()));
    static final CounterCache cache = new CounterCache(link, new CounterKeys(redis.prefix()), Duration.ofMinutes(10), scripts);

    @AfterAll
    static void close() {
        link.close();
        client.shutdown();
        resources.shutdown();
        redis.close();
    }

    @Test
    void concurrentCallersEachGetTheirOwnRepliesInOrderAndShareWrites() {
        IntStream.rangeClosed(1, CALLERS).forEach(user -> cache.install(new CounterSnapshot(user, 0, 1, 0)));
        long writesBefore = link.pipelineWrites();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<CompletableFuture<List<Long>>> replies = IntStream.rangeClosed(1, CALLERS)
                .mapToObj(user -> CompletableFuture.supplyAsync(() -> incrementRepeatedly(user, start), callers)).toList();
        start.countDown();

        List<Long> oneToFifty = IntStream.rangeClosed(1, CALLS_EACH).mapToObj(Long::valueOf).toList();
        replies.forEach(reply -> assertThat(reply.join()).isEqualTo(oneToFifty));
        assertThat(link.pipelineWrites() - writesBefore).isLessThan(CALLERS * CALLS_EACH);
        callers.shutdown();
    }

    private static List<Long> incrementRepeatedly(long user, CountDownLatch start) {
        awaitQuietly(start);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < CALLS_EACH; i++) {
            values.add(((PendingIncrement.Added) cache.addPending(user, 1, null)).value());
        }
        return values;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
