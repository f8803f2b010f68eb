package io.usercounter.app.cache;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Script calls of concurrent requests, pipelined on a connection of their own: one caller at a time
 * (the leader) writes everything queued in a single flush and keeps the lead until those replies
 * are in, so callers arriving meanwhile gather into the next write. Each caller still gets its own
 * reply, after Redis ran its script: nothing is answered early, there are just fewer round trips.
 */
final class ScriptPipeline {

    static final int MAX_BATCH = 256;
    private static final long PARK_NS = TimeUnit.MILLISECONDS.toNanos(5);
    // Lettuce times out every command by itself; this only bounds the wait should a reply get lost
    private static final Duration LOST_REPLY = Duration.ofSeconds(10);

    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final ReentrantLock lead = new ReentrantLock();
    private final ConcurrentLinkedQueue<Call> queued = new ConcurrentLinkedQueue<>();
    private final AtomicLong writes = new AtomicLong();

    /** @param connection a connection with auto-flush off, used by the leader only */
    ScriptPipeline(Supplier<StatefulRedisConnection<String, String>> connection) {
        this.connection = connection;
    }

    /** Runs the script in the next write; throws what Lettuce threw for this call. */
    @SuppressWarnings("unchecked")
    <T> T run(LuaScript script, ScriptOutputType type, String[] keys, String[] args) {
        Call call = new Call(script, type, keys, args, Thread.currentThread());
        queued.add(call);
        while (!call.outcome.isDone()) {
            if (lead.tryLock()) {
                try {
                    if (!call.outcome.isDone()) {
                        sendQueued();
                    }
                } finally {
                    lead.unlock();
                }
                handOver();
            } else {
                LockSupport.parkNanos(this, PARK_NS);
            }
        }
        try {
            return (T) call.outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Flushes written so far: fewer than calls whenever calls came concurrently. */
    long writes() {
        return writes.get();
    }

    private void sendQueued() {
        List<Call> batch = new ArrayList<>();
        for (Call next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
            batch.add(next);
        }
        StatefulRedisConnection<String, String> open;
        try {
            open = connection.get();
        } catch (RuntimeException e) {
            batch.forEach(call -> call.finish(null, e));
            return;
        }
        RedisAsyncCommands<String, String> async = open.async();
        CompletableFuture<?>[] replies = new CompletableFuture<?>[batch.size()];
        for (int i = 0; i < replies.length; i++) {
            Call call = batch.get(i);
            replies[i] = async.evalsha(call.script.sha(), call.type, call.keys, call.args).toCompletableFuture()
                    .whenComplete(call::finish);
        }
        open.flushCommands();
        writes.incrementAndGet();
        awaitReplies(batch, replies);
    }

    private void awaitReplies(List<Call> batch, CompletableFuture<?>[] replies) {
        try {
            CompletableFuture.allOf(replies).get(LOST_REPLY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // each call carries its own outcome
        } catch (TimeoutException e) {
            CacheUnavailableException late = new CacheUnavailableException("Redis did not answer within " + LOST_REPLY, e);
            batch.forEach(call -> call.finish(null, late));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.forEach(call -> call.finish(null, new CacheUnavailableException("interrupted", e)));
        }
    }

    /** The lead is free again: wake the oldest waiting caller, so queued calls never wait for a newcomer. */
    private void handOver() {
        Call next = queued.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    private record Call(LuaScript script, ScriptOutputType type, String[] keys, String[] args, Thread caller,
                        CompletableFuture<Object> outcome) {

        Call(LuaScript script, ScriptOutputType type, String[] keys, String[] args, Thread caller) {
            this(script, type, keys, args, caller, new CompletableFuture<>());
        }

        void finish(Object reply, Throwable failure) {
            boolean first = failure == null ? outcome.complete(reply) : outcome.completeExceptionally(failure);
            if (first) {
                LockSupport.unpark(caller);
            }
        }
    }
}
