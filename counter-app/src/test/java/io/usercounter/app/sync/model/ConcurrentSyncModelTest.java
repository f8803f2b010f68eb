package io.usercounter.app.sync.model;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TestDatabase;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The concurrent model test of the sync algorithm: three Eventual replicas and a Strong one (a mode switch
 * under way) on one MariaDB and one Redis, each with its own Redis connection. A seeded scheduler
 * interleaves their increments, sets, deletes, reads, flush steps (claim, apply, acknowledge, or dying in
 * between), dropped connections whose commands are sent again, snapshot expiry and Redis losing its data,
 * and checks every user against {@link CounterModel} after every step.
 *
 * <p>{@code -Dmodel.seed=N} replays one seed (a failure names it); {@code -Dmodel.seeds} and
 * {@code -Dmodel.steps} size the run: the defaults keep it within a minute or two of {@code make test},
 * and {@code make soak} runs many more seeds.
 */
class ConcurrentSyncModelTest {

    static final int SEEDS = Integer.getInteger("model.seeds", 5);
    static final int STEPS = Integer.getInteger("model.steps", 120);

    static final TestDatabase database = TestDatabase.create();
    static final String keyPrefix = "model" + UUID.randomUUID().toString().substring(0, 8);
    static final ModelRedis redis = new ModelRedis(keyPrefix);
    static final List<ModelReplica> replicas = List.of(
            new ModelReplica("e1", Consistency.EVENTUAL, database, redis.server, keyPrefix),
            new ModelReplica("e2", Consistency.EVENTUAL, database, redis.server, keyPrefix),
            new ModelReplica("e3", Consistency.EVENTUAL, database, redis.server, keyPrefix),
            new ModelReplica("s1", Consistency.STRONG, database, redis.server, keyPrefix));

    @AfterAll
    static void closeStores() {
        // in parallel: each replica's Lettuce resources wait out a quiet period when they shut down
        replicas.parallelStream().forEach(ModelReplica::close);
        redis.close();
        database.close();
    }

    @Test
    void interleavedReplicasAgreeWithTheModelAfterEveryStep() {
        String replay = System.getProperty("model.seed");
        List<Long> seeds = replay != null
                ? List.of(Long.parseLong(replay))
                : new Random().longs(SEEDS).boxed().toList();
        ModelTally tally = new ModelTally();
        long started = System.nanoTime();
        for (long seed : seeds) {
            ModelScenario scenario = new ModelScenario(seed, replicas, redis, database, tally);
            try {
                scenario.run(STEPS);
            } catch (Throwable failure) {
                throw new AssertionError(
                        "model test failed; replay with -Dmodel.seed=" + seed + "\n" + scenario.trace(), failure);
            }
        }
        System.out.printf(
                "model test: %d seed(s) x %d steps in %d s%s%n",
                seeds.size(), STEPS, (System.nanoTime() - started) / 1_000_000_000L, tally);
    }
}
