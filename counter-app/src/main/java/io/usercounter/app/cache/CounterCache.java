package io.usercounter.app.cache;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.usercounter.app.store.BatchEntry;
import io.usercounter.app.store.CounterRange;
import io.usercounter.app.store.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The Redis half of every counter: cached MySQL snapshots and the Eventual sync state. */
public class CounterCache {

    static final List<String> SCRIPT_NAMES =
            List.of("state", "install", "add-pending", "claim", "acknowledge", "fence", "after-set", "evict", "forget",
                    "release-reservation", "drop-snapshot");

    /** claim.lua's and fence.lua's reply when the shard has no last seq: nothing was changed. */
    private static final long NO_SEQ = -1;
    private static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** Outside what clients send: an Idempotency-Key has no spaces. */
    private static final String REQUEST_TOKEN_PREFIX = "request token ";
    /** What a Strong request writes under an Idempotency-Key while it commits; add-pending.lua knows the prefix. */
    private static final String RESERVATION_PREFIX = "reserved ";
    /**
     * Far longer than a Strong increment can still commit after it began (the driver gives up after 10 s,
     * InnoDB's lock wait after 50 s): an older reservation is one whose request died, and MySQL has been asked.
     */
    static final Duration RESERVATION_LEASE = Duration.ofMinutes(2);
    /** Far longer than any flush or install can be under way. */
    private static final Duration TOMBSTONE_TTL = Duration.ofHours(24);

    private final RedisLink redis;
    private final CounterKeys keys;
    private final Duration ttl;
    private final Duration replayGuardTtl;
    private final Map<String, LuaScript> scripts;
    private final SeqFloors seqFloors;

    /**
     * @param commandTimeout the Redis command timeout: Lettuce re-sends an unanswered command after a reconnect only
     *                       until it times out, so a request token must outlive that (with room to spare)
     */
    public CounterCache(RedisLink redis, CounterKeys keys, Duration ttl, Duration commandTimeout,
            Map<String, LuaScript> scripts, SeqFloors seqFloors) {
        this.replayGuardTtl = commandTimeout.multipliedBy(4).plusSeconds(1);
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
        this.scripts = scripts;
        this.seqFloors = seqFloors;
    }

    public CounterKeys keys() {
        return keys;
    }

    public static Map<String, LuaScript> loadScripts() {
        Map<String, LuaScript> loaded = new LinkedHashMap<>();
        SCRIPT_NAMES.forEach(name -> loaded.put(name, LuaScript.load(name)));
        return loaded;
    }

    public CounterState state(long userId) {
        return CounterState.of(run("state", ScriptOutputType.MULTI, userKeys(userId)));
    }

    /** The states of many counters in one pipelined round trip over the shared connection. */
    public List<CounterState> states(List<Long> userIds) {
        List<String[]> perUser = userIds.stream().map(this::userKeys).toList();
        List<List<Object>> replies = redis.runPipelined(scripts.get("state"), ScriptOutputType.MULTI, perUser);
        return replies.stream().map(CounterState::of).toList();
    }

    /** install() for several users at once, pipelined: one round trip for all of them. */
    public void installAll(Collection<CounterSnapshot> snapshots) {
        List<String[]> perUser = snapshots.stream().map(snapshot -> userKeys(snapshot.userId())).toList();
        List<String[]> args = snapshots.stream().map(this::snapshotArgs).toList();
        redis.runEach(scripts.get("install"), ScriptOutputType.MULTI, perUser, args);
    }

    /** Caches a committed MySQL state unless the cache holds it or a newer one already. */
    public CounterState install(CounterSnapshot snapshot) {
        return CounterState.of(run("install", ScriptOutputType.MULTI, userKeys(snapshot.userId()),
                snapshotArgs(snapshot)));
    }

    public PendingIncrement addPending(long userId, long by, String idempotencyKey) {
        return addPending(userId, by, idempotencyKey, Duration.ZERO);
    }

    /**
     * Like {@link #addPending(long, long, String)}, and takes over a Strong reservation of the key older
     * than {@link #RESERVATION_LEASE}: for a key MySQL was found not to hold, its request can no longer commit.
     */
    public PendingIncrement addPendingOverStaleReservation(long userId, long by, String idempotencyKey) {
        return addPending(userId, by, idempotencyKey, RESERVATION_LEASE);
    }

    private PendingIncrement addPending(long userId, long by, String idempotencyKey, Duration takeOverAfter) {
        int shard = CounterKeys.shardOf(userId);
        String[] scriptKeys = {keys.snapshot(userId), keys.sync(userId), keys.dirty(shard),
                // without a client key, a token of this request: a command Lettuce re-sends after a reconnect
                // finds it and gets the first answer instead of adding again
                keys.idempotency(userId, idempotencyKey == null ? REQUEST_TOKEN_PREFIX + UUID.randomUUID() : idempotencyKey)};
        List<Long> reply = run("add-pending", ScriptOutputType.MULTI, scriptKeys, Long.toString(userId),
                Long.toString(by), "1", Long.toString((idempotencyKey == null ? replayGuardTtl : IDEMPOTENCY_TTL).toMillis()),
                Long.toString(ttlWithJitter()), Long.toString(CounterRange.MAX), Long.toString(takeOverAfter.toMillis()));
        return switch (reply.get(0).intValue()) {
            case 0 -> new PendingIncrement.Miss();
            case 1 -> new PendingIncrement.Added(reply.get(1));
            case 2 -> new PendingIncrement.Replayed(reply.get(1), reply.get(2));
            case 3 -> new PendingIncrement.OutOfRange(reply.get(1));
            default -> new PendingIncrement.InProgress();
        };
    }

    /**
     * Reserves an Idempotency-Key before a Strong commit (SET NX GET: one command, so a copy Lettuce re-sends
     * finds this request's own token), so that an Eventual replica does not count a retry meanwhile.
     */
    public KeyReservation reserve(long userId, String idempotencyKey) {
        String reservation = RESERVATION_PREFIX + UUID.randomUUID();
        String prior = redis.call(commands -> commands.setGet(keys.idempotency(userId, idempotencyKey), reservation,
                SetArgs.Builder.nx().px(IDEMPOTENCY_TTL)));
        if (prior == null || prior.equals(reservation)) {
            return new KeyReservation.Reserved(reservation);
        }
        if (prior.startsWith(RESERVATION_PREFIX)) {
            return new KeyReservation.HeldElsewhere();
        }
        return new KeyReservation.Answered(recorded(prior));
    }

    /** Frees a reservation whose request committed nothing, so a retry on any replica can count. */
    public void release(long userId, String idempotencyKey, KeyReservation.Reserved reservation) {
        run("release-reservation", ScriptOutputType.INTEGER, new String[] {keys.idempotency(userId, idempotencyKey)},
                reservation.token());
    }

    /** The format add-pending.lua writes: "<by>:<value>". */
    private static PendingIncrement.Replayed recorded(String answer) {
        int separator = answer.indexOf(':');
        return new PendingIncrement.Replayed(Long.parseLong(answer.substring(0, separator)),
                Long.parseLong(answer.substring(separator + 1)));
    }

    /** Records a committed Strong answer where an Eventual replica looks for a retried key. */
    public void recordIncrement(long userId, String idempotencyKey, long by, long value) {
        redis.call(commands -> commands.set(keys.idempotency(userId, idempotencyKey), by + ":" + value,
                SetArgs.Builder.px(IDEMPOTENCY_TTL)));
    }

    /**
     * Reserves a set's fence: a seq above every batch issued for this user, in one step with the
     * claims, so every amount accepted before it is in a batch at or below it. Confirmed by the replicas
     * a failover could promote before MySQL gets it: one without the fence would issue seqs at or below it,
     * and MySQL would drop the amounts acknowledged after the set.
     */
    public long reserveFence(long userId) {
        int shard = CounterKeys.shardOf(userId);
        String[] fenceKeys = {keys.snapshot(userId), keys.sync(userId), keys.dirty(shard), keys.claimed(shard),
                keys.seq(shard)};
        long fence = Long.parseLong(redis.runConfirmed(scripts.get("fence"), ScriptOutputType.VALUE, fenceKeys,
                Long.toString(userId)));
        if (fence == NO_SEQ) {
            startSeq(shard);
            fence = Long.parseLong(redis.runConfirmed(scripts.get("fence"), ScriptOutputType.VALUE, fenceKeys,
                    Long.toString(userId)));
        }
        return fence;
    }

    /**
     * Caches a set's committed state and clears what the set overrides: batches at or below its fence.
     * Confirmed like the fence: a promoted replica without it would answer the value from before the set.
     */
    public CounterState afterSet(CounterSnapshot snapshot, long fence) {
        int shard = CounterKeys.shardOf(snapshot.userId());
        String[] scriptKeys = {keys.snapshot(snapshot.userId()), keys.sync(snapshot.userId()), keys.claimed(shard)};
        String[] args = snapshotArgs(snapshot);
        String[] withUser = Arrays.copyOf(args, args.length + 2);
        withUser[args.length] = Long.toString(snapshot.userId());
        withUser[args.length + 1] = Long.toString(fence);
        return CounterState.of(redis.runConfirmed(scripts.get("after-set"), ScriptOutputType.MULTI, scriptKeys, withUser));
    }

    /**
     * Drops a deleted user's state and leaves its tombstone, confirmed by the replicas a failover could
     * promote: one that lacked the tombstone would bring the user back into the cache.
     */
    public void evict(long userId) {
        int shard = CounterKeys.shardOf(userId);
        redis.runConfirmed(scripts.get("evict"), ScriptOutputType.INTEGER,
                new String[] {keys.snapshot(userId), keys.sync(userId), keys.dirty(shard), keys.claimed(shard),
                        keys.tombstone(userId)},
                Long.toString(userId), Long.toString(TOMBSTONE_TTL.toMillis()));
    }

    /** Installs the state of a user MySQL has again although a delete left a tombstone, clearing it. */
    public CounterState installOverDeletion(CounterSnapshot snapshot) {
        long userId = snapshot.userId();
        return CounterState.of(run("forget", ScriptOutputType.MULTI,
                new String[] {keys.snapshot(userId), keys.sync(userId), keys.tombstone(userId)}, snapshotArgs(snapshot)));
    }

    /**
     * Drops a cached snapshot that may be older than MySQL (written while Redis was unreachable), confirmed
     * by the replicas a failover could promote: one that still held the snapshot would answer it again.
     */
    public void forgetSnapshot(long userId) {
        redis.runConfirmed(scripts.get("drop-snapshot"), ScriptOutputType.INTEGER, new String[] {keys.snapshot(userId)});
    }

    /**
     * Flush step 1 for a shard: unfinished batches first, then up to {@code max} fresh ones. Returns
     * only once the claim is on the replicas a failover could promote.
     */
    public ClaimedBatch claim(int shard, int max) {
        return claim(shard, List.of(Long.toString(max)));
    }

    /** Flush step 1 for one user only (the manual per-user sync). */
    public ClaimedBatch claimUser(long userId) {
        return claim(CounterKeys.shardOf(userId), List.of("1", Long.toString(userId)));
    }

    private ClaimedBatch claim(int shard, List<String> tail) {
        List<String> args = new ArrayList<>();
        args.add(keys.tag(shard));
        args.addAll(tail);
        String[] claimKeys = {keys.dirty(shard), keys.claimed(shard), keys.seq(shard), keys.claims(shard)};
        List<Object> reply = redis.runConfirmed(scripts.get("claim"), ScriptOutputType.MULTI, claimKeys,
                args.toArray(String[]::new));
        if ((Long) reply.get(0) == NO_SEQ) {
            startSeq(shard);
            reply = redis.runConfirmed(scripts.get("claim"), ScriptOutputType.MULTI, claimKeys, args.toArray(String[]::new));
        }
        @SuppressWarnings("unchecked")
        List<Object> flat = (List<Object>) reply.get(1);
        List<BatchEntry> entries = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 3) {
            entries.add(new BatchEntry(Long.parseLong(text(flat.get(i))), Long.parseLong(text(flat.get(i + 1))),
                    Long.parseLong(text(flat.get(i + 2)))));
        }
        return new ClaimedBatch(shard, entries, ((Long) reply.get(0)).intValue());
    }

    /** Flush step 3: clears each batch still claimed under its seq and caches the committed state. */
    public void acknowledge(ClaimedBatch batch, Map<Long, CounterSnapshot> committed) {
        List<String> args = new ArrayList<>(List.of(keys.tag(batch.shard()), Long.toString(ttlWithJitter())));
        for (BatchEntry entry : batch.entries()) {
            CounterSnapshot state = committed.get(entry.userId());
            args.add(Long.toString(entry.userId()));
            args.add(Long.toString(entry.seq()));
            args.add(state == null ? "" : Long.toString(state.counter()));
            args.add(state == null ? "" : Long.toString(state.version()));
            args.add(state == null ? "" : Long.toString(state.appliedSeq()));
        }
        run("acknowledge", ScriptOutputType.INTEGER,
                new String[] {keys.dirty(batch.shard()), keys.claimed(batch.shard())}, args.toArray(String[]::new));
    }

    /**
     * Gives a shard without a last seq (a new Redis, or one that lost its data) one from MySQL, above every
     * seq issued before: otherwise a batch claimed after the loss could get the seq of one claimed before it
     * that MySQL applied meanwhile, and be taken for it. Only if the shard still has none (SET NX).
     */
    private void startSeq(int shard) {
        String floor = Long.toString(seqFloors.next());
        redis.call(commands -> commands.setnx(keys.seq(shard), floor));
    }

    /** Users with pending or in-flight amounts, over all shards. */
    public long unflushedUsers() {
        return redis.call(commands -> {
            long total = 0;
            for (int shard = 0; shard < CounterKeys.SHARDS; shard++) {
                total += commands.scard(keys.dirty(shard)) + commands.scard(keys.claimed(shard));
            }
            return total;
        });
    }

    public boolean isConnected() {
        return redis.isConnected();
    }

    public void ping() {
        redis.call(commands -> commands.ping());
    }

    private String[] userKeys(long userId) {
        return new String[] {keys.snapshot(userId), keys.sync(userId)};
    }

    private String[] snapshotArgs(CounterSnapshot snapshot) {
        return new String[] {Long.toString(snapshot.counter()), Long.toString(snapshot.version()),
                Long.toString(snapshot.appliedSeq()), Long.toString(ttlWithJitter())};
    }

    /** Up to 10% jitter, so snapshots cached together do not all expire together. */
    private long ttlWithJitter() {
        long base = ttl.toMillis();
        return base + ThreadLocalRandom.current().nextLong(base / 10 + 1);
    }

    private <T> T run(String script, ScriptOutputType type, String[] scriptKeys, String... args) {
        return redis.run(scripts.get(script), type, scriptKeys, args);
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(value);
    }
}
