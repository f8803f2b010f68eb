package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;
import io.usercounter.app.store.BatchEntry;
import io.usercounter.app.store.CounterSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The cache's write rules on real Redis. */
class CounterCacheTest {

    static final TestDatabase database = TestDatabase.create();
    static final TestRedis redis = new TestRedis();
    static final TestReplica replica = new TestReplica(database, redis, Consistency.STRONG);

    @AfterAll
    static void dropStores() {
        replica.close();
        redis.close();
        database.close();
    }

    @Test
    void aSlowWriterCannotPutAnOlderValueBack() {
        replica.cache.install(new CounterSnapshot(1, 50, 7, 0));

        CounterState afterStaleWrite = replica.cache.install(new CounterSnapshot(1, 40, 6, 0));

        assertThat(afterStaleWrite.value()).isEqualTo(50);
        assertThat(afterStaleWrite.version()).isEqualTo(7);
    }

    @Test
    void aNewerStateReplacesTheCachedOne() {
        replica.cache.install(new CounterSnapshot(2, 10, 1, 0));

        CounterState afterSet = replica.cache.install(new CounterSnapshot(2, 3, 2, 0));

        assertThat(afterSet.value()).isEqualTo(3);
    }

    @Test
    void cachedSnapshotsExpireWithinTheTtlPlusTenPercentJitter() {
        replica.cache.install(new CounterSnapshot(3, 1, 1, 0));

        long ttlMs = redis.commands().pttl("{" + redis.prefix() + ":3}:db:3");

        assertThat(ttlMs).isBetween(590_000L, 660_000L);
    }

    @Test
    void pendingAmountsNeverExpire() {
        replica.cache.install(new CounterSnapshot(4, 0, 1, 0));
        replica.cache.addPending(4, 2, null);

        assertThat(redis.commands().pttl("{" + redis.prefix() + ":4}:q:4")).isEqualTo(-1);
        assertThat(replica.cache.state(4).value()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedBatchWithNothingBehindItLeavesNoSyncState() {
        replica.cache.install(new CounterSnapshot(21, 10, 1, 0));
        replica.cache.addPending(21, 3, null);
        ClaimedBatch batch = replica.cache.claimUser(21);

        replica.cache.acknowledge(batch, Map.of(21L, committed(batch.entries().get(0), 13, 2)));

        assertThat(redis.commands().exists(sync(21))).isZero();
        assertThat(redis.commands().sismember(shardKey(21, "dirty"), "21")).isFalse();
        assertThat(redis.commands().sismember(shardKey(21, "claimed"), "21")).isFalse();
        assertThat(replica.cache.state(21).value()).isEqualTo(13);
    }

    @Test
    void anAcknowledgedBatchKeepsWhatWasAddedBehindItPending() {
        replica.cache.install(new CounterSnapshot(22, 10, 1, 0));
        replica.cache.addPending(22, 3, null);
        ClaimedBatch batch = replica.cache.claimUser(22);
        replica.cache.addPending(22, 4, null);

        replica.cache.acknowledge(batch, Map.of(22L, committed(batch.entries().get(0), 13, 2)));

        CounterState state = replica.cache.state(22);
        assertThat(state.pending()).isEqualTo(4);
        assertThat(state.inflight()).isZero();
        assertThat(state.batchSeq()).isZero();
        assertThat(state.value()).isEqualTo(17);
        assertThat(redis.commands().sismember(shardKey(22, "dirty"), "22")).isTrue();
        assertThat(redis.commands().sismember(shardKey(22, "claimed"), "22")).isFalse();
    }

    @Test
    void aClaimThatOnlyHandsBackAnEarlierBatchStillWritesSoItsWaitCoversThatBatch() {
        replica.cache.install(new CounterSnapshot(26, 10, 1, 0));
        replica.cache.addPending(26, 3, null);
        ClaimedBatch first = replica.cache.claimUser(26);
        String writesBefore = redis.commands().get(shardKey(26, "claims"));

        ClaimedBatch handedBack = replica.cache.claimUser(26);

        assertThat(handedBack.entries()).isEqualTo(first.entries());
        assertThat(handedBack.freshClaims()).isZero();
        assertThat(redis.commands().get(shardKey(26, "claims"))).isNotEqualTo(writesBefore);
    }

    @Test
    void theCommittedStateReplacesACachedSnapshotAndKeepsItsTtl() {
        replica.cache.install(new CounterSnapshot(23, 10, 1, 0));
        replica.cache.addPending(23, 3, null);
        redis.commands().pexpire(snapshot(23), 5_000);
        ClaimedBatch batch = replica.cache.claimUser(23);

        replica.cache.acknowledge(batch, Map.of(23L, committed(batch.entries().get(0), 13, 2)));

        assertThat(redis.commands().hget(snapshot(23), "v")).isEqualTo("13");
        assertThat(redis.commands().pttl(snapshot(23))).isBetween(1L, 5_000L);
    }

    @Test
    void anAcknowledgementDoesNotCacheASnapshotThatExpiredMeanwhile() {
        replica.cache.install(new CounterSnapshot(24, 10, 1, 0));
        replica.cache.addPending(24, 3, null);
        ClaimedBatch batch = replica.cache.claimUser(24);
        redis.commands().del(snapshot(24));
        CounterSnapshot committed = committed(batch.entries().get(0), 13, 2);

        replica.cache.acknowledge(batch, Map.of(24L, committed));

        // the flush's state may be older than a write committed since: the next read loads MySQL
        CounterState state = replica.cache.state(24);
        assertThat(state.cached()).isFalse();
        assertThat(state.valueOver(committed)).isEqualTo(13);
    }

    @Test
    void aBatchOfMoreCountersThanOneMultiKeyCommandTakesIsAcknowledgedWhole() {
        int shard = 9;
        List<Long> users = LongStream.range(0, 1_200)
                .map(n -> n * CounterKeys.SHARDS + shard)
                .boxed()
                .toList();
        users.forEach(user -> {
            replica.cache.install(new CounterSnapshot(user, 0, 1, 0));
            replica.cache.addPending(user, 1, null);
        });
        ClaimedBatch batch = replica.cache.claim(shard, 2_000);
        users.stream().skip(600).forEach(user -> replica.cache.addPending(user, 5, null));

        replica.cache.acknowledge(
                batch,
                batch.entries().stream()
                        .collect(Collectors.toMap(BatchEntry::userId, entry -> committed(entry, 1, 2))));

        assertThat(batch.entries()).hasSize(1_200);
        assertThat(users.stream().filter(user -> redis.commands().exists(sync(user)) == 1))
                .hasSize(600);
        assertThat(redis.commands().scard(shardKey(shard, "dirty"))).isEqualTo(600);
        assertThat(redis.commands().scard(shardKey(shard, "claimed"))).isZero();
        assertThat(replica.cache.states(users).stream()
                        .mapToLong(CounterState::value)
                        .sum())
                .isEqualTo(1_200 + 600 * 5);
    }

    private static CounterSnapshot committed(BatchEntry entry, long counter, long version) {
        return new CounterSnapshot(entry.userId(), counter, version, entry.seq());
    }

    private static String snapshot(long user) {
        return shardKey(user, "db:" + user);
    }

    private static String sync(long user) {
        return shardKey(user, "q:" + user);
    }

    private static String shardKey(long userOrShard, String rest) {
        return "{" + redis.prefix() + ":" + CounterKeys.shardOf(userOrShard) + "}:" + rest;
    }
}
