package io.usercounter.app.sync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.usercounter.app.cache.CacheUnavailableException;
import io.usercounter.app.fixture.SteppedFlush.Order;
import io.usercounter.app.fixture.SteppedFlush.Stop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Steps whose connection drops after Redis ran their command and before its reply arrived: Lettuce sends
 * the command again after the reconnect, or gives up when it times out. Either way the step must count
 * once or not at all, and the model learns which from what Redis or MySQL holds afterwards.
 */
final class DroppedReplies {

    private final ModelRedis redis;
    private final ModelTally tally;

    DroppedReplies(ModelRedis redis, ModelTally tally) {
        this.redis = redis;
        this.tally = tally;
    }

    /** @param outlive wait past the command timeout before the cut: the caller gets its 503 and Lettuce sends nothing again */
    String increment(ModelReplica replica, long user, long by, boolean outlive, CounterModel model) {
        // the snapshot is cached first, so the increment's first command is the one whose reply is lost
        replica.app.counters.read(user);
        long pendingBefore = redis.pending(user);
        Outcome<Long> outcome = dropReply(replica, outlive, () -> replica.app.counters.increment(user, by, null));
        long added = redis.pending(user) - pendingBefore;
        if (outcome.answered()) {
            assertThat(added)
                    .as("amount added by an answered increment of user %d", user)
                    .isEqualTo(by);
            assertThat(outcome.value())
                    .as("answer of the increment of user %d", user)
                    .isEqualTo(model.value(user) + by);
        } else {
            assertThat(added)
                    .as("amount added by an increment of user %d answered 503", user)
                    .isIn(0L, by);
        }
        model.incremented(user, added, true);
        tally.add("dropped reply: increment "
                + (outcome.answered() ? "answered" : "503, added " + (added == 0 ? "0" : "once")));
        return replica + " increments u" + user + " by " + by + ", reply dropped"
                + (outlive ? " past the timeout: " : ": ") + outcome + ", added " + added;
    }

    String set(ModelReplica replica, long user, long value, boolean outlive, CounterModel model) {
        long versionBefore = replica.app.store.snapshot(user).orElseThrow().version();
        Outcome<Long> outcome = dropReply(replica, outlive, () -> replica.app.counters.set(user, value));
        boolean committed = replica.app.store.snapshot(user).orElseThrow().version() != versionBefore;
        if (outcome.answered()) {
            assertThat(outcome.value()).as("answer of the set of user %d", user).isEqualTo(value);
            assertThat(committed).as("answered set of user %d committed", user).isTrue();
        }
        tally.add("dropped reply: set "
                + (outcome.answered() ? "answered" : committed ? "503, committed" : "503, not committed"));
        // a set committed but answered 503 leaves its snapshot to the repair, which runs every second
        replica.app.repairs.repair();
        if (committed) {
            model.set(user, value);
        }
        return replica + " sets u" + user + " to " + value + ", reply dropped"
                + (outlive ? " past the timeout: " : ": ") + outcome + (committed ? ", committed" : ", not committed");
    }

    String claim(ModelReplica replica, long user) {
        long calls = redis.scriptCalls();
        replica.redisProxy.holdReplies();
        replica.flush.launch(() -> replica.app.flusher.flushUser(user));
        Stop stop = reconnectAfterScript(replica, calls, replica.flush::awaitStop);
        tally.add("dropped reply: claim");
        return replica + " flushes u" + user + ", claim reply dropped: " + ModelScenario.outcome(replica, stop, tally);
    }

    String acknowledgement(ModelReplica replica) {
        long calls = redis.scriptCalls();
        replica.redisProxy.holdReplies();
        replica.flush.send(Order.GO_ON);
        Stop stop = reconnectAfterScript(replica, calls, replica.flush::awaitStop);
        tally.add("dropped reply: acknowledgement");
        return replica + " acknowledges, reply dropped: " + ModelScenario.outcome(replica, stop, tally);
    }

    private <T> Outcome<T> dropReply(ModelReplica replica, boolean outlive, Supplier<T> command) {
        long calls = redis.scriptCalls();
        replica.redisProxy.holdReplies();
        CompletableFuture<T> call = CompletableFuture.supplyAsync(command);
        if (outlive) {
            sleep(replica.app.properties.redisTimeout().plusMillis(300));
        }
        return reconnectAfterScript(replica, calls, () -> {
            try {
                return new Outcome<>(call.get(60, TimeUnit.SECONDS), null);
            } catch (ExecutionException e) {
                if (redisUnavailable(e.getCause())) {
                    return new Outcome<>(null, e.getCause());
                }
                throw new AssertionError("step failed", e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError("step did not end", e);
            }
        });
    }

    /** Waits until Redis ran a script of the replica's (its reply held), cuts the connection, and lets the step end. */
    private <T> T reconnectAfterScript(ModelReplica replica, long callsBefore, Supplier<T> end) {
        try {
            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> redis.scriptCalls() > callsBefore);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // a NOSCRIPT reply is held as well; the command is then sent again in full after the reconnect
        }
        replica.redisProxy.cut();
        replica.redisProxy.restore();
        T ended = end.get();
        awaitReconnected(replica);
        return ended;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void awaitReconnected(ModelReplica replica) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> {
                    replica.app.cache.ping();
                    return true;
                });
    }

    static boolean redisUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CacheUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** A value answered, or the 503 that says the step may or may not have happened. */
    record Outcome<T>(T value, Throwable unavailable) {
        boolean answered() {
            return unavailable == null;
        }

        @Override
        public String toString() {
            return answered() ? "answered " + value : "503 (" + unavailable.getMessage() + ")";
        }
    }
}
