package io.usercounter.app.sync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usercounter.app.cache.CounterKeys;
import io.usercounter.app.cache.CounterState;
import io.usercounter.app.counter.UserNotFoundException;
import io.usercounter.app.counter.UserView;
import io.usercounter.app.fixture.SteppedFlush;
import io.usercounter.app.fixture.SteppedFlush.Order;
import io.usercounter.app.fixture.SteppedFlush.Stop;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.sync.FlushStep;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One seeded run of the model test: a scheduler picks, step by step, what which replica does next (an
 * increment, a set, a delete, one step of a flush, a dropped connection, a fault), runs it to its end,
 * and checks every user against the model. The same seed makes the same choices.
 */
final class ModelScenario {

    static final int USERS = 4;
    private static final int TRACE_LINES = 40;

    private final long seed;
    private final Random random;
    private final List<ModelReplica> replicas;
    private final ModelRedis redis;
    private final TestDatabase database;
    private final ModelTally tally;
    private final DroppedReplies dropped;
    private final CounterModel model = new CounterModel();
    private final Deque<String> trace = new ArrayDeque<>();
    /** Every user of a run is in one shard, so a flush of all shards parks on one worker thread only. */
    private final int shard;

    private int step;
    /** The highest user id any run issued: MAX(id) forgets a deleted user's. */
    private static final AtomicLong HIGHEST_ID = new AtomicLong();

    private long firstUser = Long.MAX_VALUE;
    /** The kind of step under way, named in the failure message (a failing step has no trace line yet). */
    private String current = "setup";

    ModelScenario(long seed, List<ModelReplica> replicas, ModelRedis redis, TestDatabase database, ModelTally tally) {
        this.seed = seed;
        this.random = new Random(seed);
        this.replicas = replicas;
        this.redis = redis;
        this.database = database;
        this.tally = tally;
        this.dropped = new DroppedReplies(redis, tally);
        this.shard = random.nextInt(CounterKeys.SHARDS);
    }

    void run(int steps) {
        for (int i = 0; i < USERS; i++) {
            create();
        }
        check();
        for (step = 1; step <= steps; step++) {
            StepChoices.Named next = randomStep();
            current = next.name();
            long started = System.nanoTime();
            note(next.step().get());
            check();
            tally.add("ms in " + next.name() + " (with its check)", (System.nanoTime() - started) / 1_000_000);
        }
        drain();
    }

    /** The last steps, newest last, for the failure message. */
    String trace() {
        return "seed " + seed + ", shard " + shard + ", last steps:\n  " + String.join("\n  ", trace) + "\n  " + step
                + ": failed in (or in the check after) a step of kind: " + current;
    }

    private StepChoices.Named randomStep() {
        List<Long> alive = model.alive();
        List<Long> everyone =
                Stream.concat(alive.stream(), model.deleted().stream()).toList();
        List<ModelReplica> eventual =
                replicas.stream().filter(ModelReplica::eventual).toList();
        List<ModelReplica> idle = replicas.stream().filter(r -> r.flush.idle()).toList();
        List<ModelReplica> parked =
                replicas.stream().filter(r -> r.flush.parkedAt() != null).toList();
        List<ModelReplica> committed = parked.stream()
                .filter(r -> r.flush.parkedAt() == FlushStep.COMMITTED)
                .toList();
        StepChoices choices = new StepChoices(random);
        choices.add("increment", 30, () -> increment(pick(replicas), pick(alive), amount()));
        choices.add("set", 8, () -> set(pick(replicas), pick(alive), random.nextLong(5_001)));
        choices.add("read", 5, () -> read(pick(replicas), pick(alive)));
        choices.add("delete", alive.size() > 1 ? 2 : 0, () -> delete(pick(replicas), pick(alive)));
        choices.add("create", alive.size() < USERS ? 5 : 0, this::create);
        choices.add("refused", model.deleted().isEmpty() ? 0 : 3, () -> refused(pick(replicas), pick(model.deleted())));
        choices.add("flush", idle.isEmpty() ? 0 : 10, () -> startFlush(pick(idle), pick(everyone)));
        choices.add("advance", parked.isEmpty() ? 0 : 20, () -> advance(pick(parked)));
        choices.add("expire", 5, () -> expire(everyone));
        choices.add(
                "dropped increment",
                3,
                () -> dropped.increment(pick(eventual), pick(alive), amount(), random.nextInt(5) == 0, model));
        choices.add(
                "dropped set",
                2,
                () -> dropped.set(pick(replicas), pick(alive), random.nextLong(5_001), random.nextInt(5) == 0, model));
        choices.add("dropped claim", idle.isEmpty() ? 0 : 2, () -> dropped.claim(pick(idle), pick(everyone)));
        choices.add(
                "dropped acknowledgement", committed.isEmpty() ? 0 : 2, () -> dropped.acknowledgement(pick(committed)));
        choices.add("Redis loss", 1, this::redisLoss);
        return choices.pick();
    }

    private String increment(ModelReplica replica, long user, long by) {
        long answer = replica.app.counters.increment(user, by, null);
        model.incremented(user, by, replica.eventual());
        if (replica.eventual()) {
            assertThat(answer)
                    .as("answer of an Eventual increment of user %d", user)
                    .isEqualTo(model.value(user));
        }
        tally.add("increment " + replica.mode);
        return replica + " increments u" + user + " by " + by + ": " + answer;
    }

    private String set(ModelReplica replica, long user, long value) {
        long answer = replica.app.counters.set(user, value);
        assertThat(answer).as("answer of the set of user %d", user).isEqualTo(value);
        model.set(user, value);
        tally.add("set");
        return replica + " sets u" + user + " to " + value;
    }

    /** A read that fills the cache on a miss (GET /count), unlike the side-effect-free check after each step. */
    private String read(ModelReplica replica, long user) {
        long seen = replica.app.counters.read(user).counter();
        assertThat(seen).as("GET /count of user %d through %s", user, replica).isEqualTo(model.value(user));
        tally.add("read");
        return replica + " reads u" + user + ": " + seen;
    }

    private String delete(ModelReplica replica, long user) {
        replica.app.users.delete(user);
        model.delete(user);
        tally.add("delete");
        return replica + " deletes u" + user;
    }

    private String refused(ModelReplica replica, long user) {
        int kind = random.nextInt(3);
        if (kind == 0) {
            assertThatThrownBy(() -> replica.app.counters.read(user))
                    .as("GET /count of deleted user %d", user)
                    .isInstanceOf(UserNotFoundException.class);
            tally.add("refused read of a deleted user");
            return replica + " reads deleted u" + user + ": 404";
        }
        if (kind == 1) {
            assertThatThrownBy(() -> replica.app.counters.increment(user, 1, null))
                    .as("increment of deleted user %d", user)
                    .isInstanceOf(UserNotFoundException.class);
            tally.add("refused increment of a deleted user");
            return replica + " increments deleted u" + user + ": 404";
        }
        assertThatThrownBy(() -> replica.app.counters.set(user, 1))
                .as("set of deleted user %d", user)
                .isInstanceOf(UserNotFoundException.class);
        tally.add("refused set of a deleted user");
        return replica + " sets deleted u" + user + ": 404";
    }

    /**
     * A user row as UserStore.create writes it, with an id in the run's shard (creating through the app would
     * skip 15 ids of 16), never one a deleted user had.
     */
    private String create() {
        long above = Math.max(HIGHEST_ID.get(), database.queryLong("SELECT COALESCE(MAX(id), 0) FROM users"));
        long user = (above / CounterKeys.SHARDS + 1) * CounterKeys.SHARDS + shard;
        HIGHEST_ID.accumulateAndGet(user, Math::max);
        database.update("INSERT INTO users (id, username, counter, version, applied_seq, created_at, updated_at) "
                + "VALUES (" + user + ", 'm" + Long.toHexString(seed) + "-" + user + "', 0, 1, 0, NOW(3), NOW(3))");
        firstUser = Math.min(firstUser, user);
        model.created(user);
        return "u" + user + " created";
    }

    private String startFlush(ModelReplica replica, long user) {
        boolean all = random.nextBoolean();
        Stop stop = replica.flush.start(
                all ? () -> replica.app.flusher.flushAll() : () -> replica.app.flusher.flushUser(user));
        tally.add("flush started");
        return replica + " flushes " + (all ? "all" : "u" + user) + ": " + outcome(replica, stop, tally);
    }

    private String advance(ModelReplica replica) {
        FlushStep at = replica.flush.parkedAt();
        int roll = random.nextInt(100);
        Order order =
                roll < 15 ? Order.DIE : at == FlushStep.CLAIMED && roll < 25 ? Order.DIE_WHILE_APPLYING : Order.GO_ON;
        Stop stop = replica.flush.order(order);
        return replica + " flush at " + at + ", " + order + ": " + outcome(replica, stop, tally);
    }

    private String expire(List<Long> users) {
        if (random.nextBoolean()) {
            long user = pick(users);
            redis.expireSnapshot(user);
            tally.add("snapshot expired");
            return "snapshot of u" + user + " expires";
        }
        users.forEach(redis::expireSnapshot);
        tally.add("snapshot expired");
        return "every snapshot expires";
    }

    /**
     * Redis loses all it holds. The flushes between claim and acknowledgement die with it (a batch held
     * only in a dead replica's memory), so the documented loss is exactly what MySQL did not have. A flush
     * that survives the loss and commits late is RedisDataLossTest's case.
     */
    private String redisLoss() {
        for (ModelReplica replica : replicas) {
            while (replica.flush.parkedAt() != null) {
                outcome(replica, replica.flush.order(Order.DIE), tally);
            }
        }
        boolean restart = random.nextInt(4) == 0;
        if (restart) {
            redis.server.restart();
            replicas.forEach(DroppedReplies::awaitReconnected);
        } else {
            redis.loseEverything();
        }
        long before = model.lost();
        model.redisLost(database.counters(model.alive()));
        tally.add("Redis lost its data");
        tally.add("amount lost with Redis", model.lost() - before);
        return (restart ? "Redis restarts empty" : "Redis loses every key and script") + ", losing "
                + (model.lost() - before);
    }

    /**
     * Every user read without side effects through one replica: the live ones as GET /users lists them, the
     * deleted ones must have neither a cached snapshot (GET /count would answer it) nor a row.
     */
    private void check() {
        ModelReplica reader = replicas.get(step % replicas.size());
        List<Long> alive = model.alive();
        Map<Long, Long> seen = reader.app.users.page(firstUser - 1, 1_000).stream()
                .collect(Collectors.toMap(view -> view.stored().id(), UserView::counter));
        for (long user : alive) {
            assertThat(seen.get(user))
                    .as("user %d seen through %s", user, reader)
                    .isEqualTo(model.value(user));
        }
        List<Long> deleted = model.deleted();
        List<CounterState> states = reader.app.cache.states(deleted);
        for (int i = 0; i < deleted.size(); i++) {
            assertThat(states.get(i).cached())
                    .as("snapshot of deleted user %d cached", deleted.get(i))
                    .isFalse();
        }
        model.checkMysql(database.counters(
                Stream.concat(alive.stream(), deleted.stream()).toList()));
    }

    /** Every flush runs to its end, then flushes of all shards until nothing is left: MySQL holds the model. */
    private void drain() {
        step = 0;
        for (ModelReplica replica : replicas) {
            while (!replica.flush.idle()) {
                note("drain: " + replica + " goes on: " + outcome(replica, replica.flush.order(Order.GO_ON), tally));
            }
        }
        ModelReplica flushing = replicas.get(0);
        for (int round = 0; round < 5 && flushing.app.cache.unflushedUsers() > 0; round++) {
            Stop stop = flushing.flush.start(() -> flushing.app.flusher.flushAll());
            while (!stop.finished()) {
                stop = flushing.flush.order(Order.GO_ON);
            }
            assertThat(stop.failure()).as("final flush").isNull();
            note("drain: " + flushing + " flushes all");
        }
        assertThat(flushing.app.cache.unflushedUsers())
                .as("users left unflushed")
                .isZero();
        var mysql = database.counters(model.alive());
        for (long user : model.alive()) {
            assertThat(mysql.get(user))
                    .as("MySQL counter of user %d after the final flush", user)
                    .isEqualTo(model.value(user));
        }
        check();
    }

    /** What became of a flush; a failure other than dying or losing Redis fails the run. */
    static String outcome(ModelReplica replica, Stop stop, ModelTally tally) {
        if (!stop.finished()) {
            return "parked at " + stop.parkedAt();
        }
        if (stop.failure() == null) {
            tally.add("flush finished");
            return "finished";
        }
        if (SteppedFlush.died(stop.failure())) {
            tally.add("flush died");
            return "died";
        }
        if (DroppedReplies.redisUnavailable(stop.failure())) {
            tally.add("flush failed: Redis unavailable");
            return "failed: " + stop.failure().getMessage();
        }
        throw new AssertionError("flush of " + replica + " failed", stop.failure());
    }

    private void note(String line) {
        trace.addLast(step + ": " + line);
        if (trace.size() > TRACE_LINES) {
            trace.removeFirst();
        }
    }

    private long amount() {
        return 1 + random.nextInt(random.nextBoolean() ? 9 : 1_000);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
