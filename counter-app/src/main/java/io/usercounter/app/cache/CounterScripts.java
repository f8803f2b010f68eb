package io.usercounter.app.cache;

import static io.lettuce.core.ScriptOutputType.INTEGER;
import static io.lettuce.core.ScriptOutputType.MULTI;
import static io.lettuce.core.ScriptOutputType.STATUS;
import static io.lettuce.core.ScriptOutputType.VALUE;

import io.usercounter.app.store.BatchEntry;
import io.usercounter.app.store.CounterRange;
import io.usercounter.app.store.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One method per script of {@link CounterScript} (BullMQ's scripts.ts is the model): it passes the script's
 * KEYS and ARGV in the order of the locals its header names, and decodes its reply into a named type.
 * The calls a failover may not undo wait for the replicas (RedisLink.runConfirmed).
 */
final class CounterScripts {

    /** claim.lua's and fence.lua's reply when the shard has no last seq: nothing was changed. */
    private static final long NO_SEQ = -1;

    private final RedisLink redis;
    private final CounterKeys keys;
    private final Duration snapshotTtl;

    CounterScripts(RedisLink redis, CounterKeys keys, Duration snapshotTtl) {
        this.redis = redis;
        this.keys = keys;
        this.snapshotTtl = snapshotTtl;
    }

    CounterState state(long userId) {
        return CounterState.of(redis.run(CounterScript.STATE.lua(), MULTI, userKeys(userId)));
    }

    /** state.lua for many users in one pipelined round trip over the shared connection. */
    List<CounterState> states(List<Long> userIds) {
        List<String[]> perUser = userIds.stream().map(this::userKeys).toList();
        List<List<Object>> replies = redis.runPipelined(CounterScript.STATE.lua(), MULTI, perUser);
        return replies.stream().map(CounterState::of).toList();
    }

    CounterState install(CounterSnapshot snapshot) {
        return CounterState.of(
                redis.run(CounterScript.INSTALL.lua(), MULTI, installKeys(snapshot.userId()), snapshotArgs(snapshot)));
    }

    /** install.lua for many users, pipelined: one round trip for all of them. */
    void installAll(Collection<CounterSnapshot> snapshots) {
        List<String[]> perUser = snapshots.stream()
                .map(snapshot -> installKeys(snapshot.userId()))
                .toList();
        List<String[]> args = snapshots.stream().map(this::snapshotArgs).toList();
        redis.runEach(CounterScript.INSTALL.lua(), MULTI, perUser, args);
    }

    /** add-pending.lua's replies. */
    private static final int MISS = 0, ADDED = 1, REPLAYED = 2, OUT_OF_RANGE = 3, IN_PROGRESS = 4;

    /** @param reservationLease a Strong reservation older than this is taken over; zero: never */
    PendingIncrement addPending(
            long userId, long by, String idempotencyKey, Duration idempotencyTtl, Duration reservationLease) {
        int shard = CounterKeys.shardOf(userId);
        String[] scriptKeys = {
            keys.snapshot(userId), keys.sync(userId), keys.dirty(shard), keys.idempotency(userId, idempotencyKey)
        };
        List<Long> reply = redis.run(
                CounterScript.ADD_PENDING.lua(),
                MULTI,
                scriptKeys,
                Long.toString(userId),
                Long.toString(by),
                millis(idempotencyTtl),
                millis(ttlWithJitter()),
                Long.toString(CounterRange.MAX),
                millis(reservationLease));
        return switch (reply.get(0).intValue()) {
            case MISS -> new PendingIncrement.Miss();
            case ADDED -> new PendingIncrement.Added(reply.get(1));
            case REPLAYED -> new PendingIncrement.Replayed(reply.get(1), reply.get(2));
            case OUT_OF_RANGE -> new PendingIncrement.OutOfRange(reply.get(1));
            case IN_PROGRESS -> new PendingIncrement.InProgress();
            default -> throw new IllegalStateException("add-pending replied " + reply);
        };
    }

    /** reserve-key.lua's replies. */
    private static final int RESERVED = 0, HELD_ELSEWHERE = 1, ANSWERED = 2;

    /** @param token unique to this request */
    KeyReservation reserveKey(long userId, String idempotencyKey, String token, Duration ttl) {
        List<Long> reply = redis.run(
                CounterScript.RESERVE_KEY.lua(),
                MULTI,
                new String[] {keys.idempotency(userId, idempotencyKey)},
                token,
                millis(ttl));
        return switch (reply.get(0).intValue()) {
            case RESERVED -> new KeyReservation.Reserved(token);
            case HELD_ELSEWHERE -> new KeyReservation.HeldElsewhere();
            case ANSWERED -> new KeyReservation.Answered(new PendingIncrement.Replayed(reply.get(1), reply.get(2)));
            default -> throw new IllegalStateException("reserve-key replied " + reply);
        };
    }

    void recordAnswer(long userId, String idempotencyKey, long by, long value, Duration ttl) {
        redis.run(
                CounterScript.RECORD_ANSWER.lua(),
                STATUS,
                new String[] {keys.idempotency(userId, idempotencyKey)},
                Long.toString(by),
                Long.toString(value),
                millis(ttl));
    }

    void releaseReservation(long userId, String idempotencyKey, KeyReservation.Reserved reservation) {
        redis.run(
                CounterScript.RELEASE_RESERVATION.lua(),
                INTEGER,
                new String[] {keys.idempotency(userId, idempotencyKey)},
                reservation.token());
    }

    /**
     * @param onlyUsers claims only these users' amounts; none: any of the shard, up to {@code maxNewClaims}
     * @return empty (NO_SEQ) when the shard has no last seq
     */
    Optional<ClaimedBatch> claim(int shard, int maxNewClaims, List<Long> onlyUsers) {
        List<String> args = new ArrayList<>(
                List.of(keys.syncPrefix(shard), keys.snapshotPrefix(shard), Integer.toString(maxNewClaims)));
        onlyUsers.forEach(userId -> args.add(Long.toString(userId)));
        List<Object> reply = redis.runConfirmed(
                CounterScript.CLAIM.lua(),
                MULTI,
                new String[] {keys.dirty(shard), keys.claimed(shard), keys.seq(shard), keys.claims(shard)},
                args.toArray(String[]::new));
        long newClaims = (Long) reply.get(0);
        if (newClaims == NO_SEQ) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object> flat = (List<Object>) reply.get(1);
        List<BatchEntry> entries = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 3) {
            entries.add(new BatchEntry(number(flat.get(i)), number(flat.get(i + 1)), number(flat.get(i + 2))));
        }
        return Optional.of(new ClaimedBatch(shard, entries, (int) newClaims));
    }

    /** @param committed the MySQL state of each batch's user after the commit; absent: the user is gone */
    void acknowledge(ClaimedBatch batch, Map<Long, CounterSnapshot> committed) {
        int shard = batch.shard();
        List<String> args = new ArrayList<>(
                List.of(keys.syncPrefix(shard), keys.snapshotPrefix(shard), keys.tombstonePrefix(shard)));
        for (BatchEntry entry : batch.entries()) {
            CounterSnapshot state = committed.get(entry.userId());
            args.add(Long.toString(entry.userId()));
            args.add(Long.toString(entry.seq()));
            args.add(state == null ? "" : Long.toString(state.counter()));
            args.add(state == null ? "" : Long.toString(state.version()));
            args.add(state == null ? "" : Long.toString(state.appliedSeq()));
        }
        redis.run(
                CounterScript.ACKNOWLEDGE.lua(),
                INTEGER,
                new String[] {keys.dirty(shard), keys.claimed(shard)},
                args.toArray(String[]::new));
    }

    /** @return empty (NO_SEQ) when the shard has no last seq */
    OptionalLong fence(long userId) {
        int shard = CounterKeys.shardOf(userId);
        long fence = Long.parseLong(redis.runConfirmed(
                CounterScript.FENCE.lua(),
                VALUE,
                new String[] {
                    keys.snapshot(userId), keys.sync(userId), keys.dirty(shard), keys.claimed(shard), keys.seq(shard)
                },
                Long.toString(userId)));
        return fence == NO_SEQ ? OptionalLong.empty() : OptionalLong.of(fence);
    }

    CounterState afterSet(CounterSnapshot snapshot, long fence) {
        long userId = snapshot.userId();
        String[] args = snapshotArgs(snapshot);
        return CounterState.of(redis.runConfirmed(
                CounterScript.AFTER_SET.lua(),
                MULTI,
                new String[] {
                    keys.snapshot(userId),
                    keys.sync(userId),
                    keys.claimed(CounterKeys.shardOf(userId)),
                    keys.tombstone(userId)
                },
                args[0],
                args[1],
                args[2],
                args[3],
                Long.toString(userId),
                Long.toString(fence)));
    }

    void evict(long userId, Duration tombstoneTtl) {
        int shard = CounterKeys.shardOf(userId);
        redis.runConfirmed(
                CounterScript.EVICT.lua(),
                INTEGER,
                new String[] {
                    keys.snapshot(userId),
                    keys.sync(userId),
                    keys.dirty(shard),
                    keys.claimed(shard),
                    keys.tombstone(userId)
                },
                Long.toString(userId),
                millis(tombstoneTtl));
    }

    CounterState forget(CounterSnapshot snapshot) {
        return CounterState.of(
                redis.run(CounterScript.FORGET.lua(), MULTI, installKeys(snapshot.userId()), snapshotArgs(snapshot)));
    }

    void dropSnapshot(long userId) {
        redis.runConfirmed(CounterScript.DROP_SNAPSHOT.lua(), INTEGER, new String[] {keys.snapshot(userId)});
    }

    private String[] userKeys(long userId) {
        return new String[] {keys.snapshot(userId), keys.sync(userId)};
    }

    /** The KEYS of install.lua and forget.lua. */
    private String[] installKeys(long userId) {
        return new String[] {keys.snapshot(userId), keys.sync(userId), keys.tombstone(userId)};
    }

    /** counter, version, applied_seq, snapshot_ttl_ms: the ARGV every script that caches a snapshot starts with. */
    private String[] snapshotArgs(CounterSnapshot snapshot) {
        return new String[] {
            Long.toString(snapshot.counter()),
            Long.toString(snapshot.version()),
            Long.toString(snapshot.appliedSeq()),
            millis(ttlWithJitter())
        };
    }

    /** Up to 10% jitter, so snapshots cached together do not all expire together. */
    private Duration ttlWithJitter() {
        long base = snapshotTtl.toMillis();
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 10 + 1));
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static long number(Object value) {
        return Long.parseLong(
                value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value));
    }
}
