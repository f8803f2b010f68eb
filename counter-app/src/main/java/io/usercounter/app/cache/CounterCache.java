package io.usercounter.app.cache;

import io.usercounter.app.store.CounterSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Redis half of every counter: cached MySQL snapshots and the Eventual sync state. */
public class CounterCache {

    private static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** Outside what clients send: an Idempotency-Key has no spaces. */
    private static final String REQUEST_TOKEN_PREFIX = "request token ";
    /**
     * Far longer than a Strong increment can still commit after it began (the driver gives up after 10 s,
     * InnoDB's lock wait after 50 s): an older reservation is one whose request died, and MySQL has been asked.
     */
    static final Duration RESERVATION_LEASE = Duration.ofMinutes(2);
    /** Far longer than any flush or install can be under way. */
    private static final Duration TOMBSTONE_TTL = Duration.ofHours(24);

    private final RedisLink redis;
    private final CounterKeys keys;
    private final CounterScripts scripts;
    private final Duration replayGuardTtl;
    private final SeqFloors seqFloors;

    /**
     * @param commandTimeout the Redis command timeout: Lettuce re-sends an unanswered command after a reconnect only
     *                       until it times out, so a request token must outlive that (with room to spare)
     */
    public CounterCache(RedisLink redis, CounterKeys keys, Duration ttl, Duration commandTimeout, SeqFloors seqFloors) {
        this.replayGuardTtl = commandTimeout.multipliedBy(4).plusSeconds(1);
        this.redis = redis;
        this.keys = keys;
        this.scripts = new CounterScripts(redis, keys, ttl);
        this.seqFloors = seqFloors;
    }

    public CounterKeys keys() {
        return keys;
    }

    public CounterState state(long userId) {
        return scripts.state(userId);
    }

    /** The states of many counters in one pipelined round trip over the shared connection. */
    public List<CounterState> states(List<Long> userIds) {
        return scripts.states(userIds);
    }

    /** install() for several users at once, pipelined: one round trip for all of them. */
    public void installAll(Collection<CounterSnapshot> snapshots) {
        scripts.installAll(snapshots);
    }

    /** Caches a committed MySQL state unless the cache holds it or a newer one already. */
    public CounterState install(CounterSnapshot snapshot) {
        return scripts.install(snapshot);
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
        // without a client key, a token of this request: a command Lettuce re-sends after a reconnect
        // finds it and gets the first answer instead of adding again
        if (idempotencyKey == null) {
            return scripts.addPending(
                    userId, by, REQUEST_TOKEN_PREFIX + UUID.randomUUID(), replayGuardTtl, takeOverAfter);
        }
        return scripts.addPending(userId, by, idempotencyKey, IDEMPOTENCY_TTL, takeOverAfter);
    }

    /**
     * Reserves an Idempotency-Key before a Strong commit (one script, so a copy Lettuce re-sends finds this
     * request's own reservation), so that an Eventual replica does not count a retry meanwhile.
     */
    public KeyReservation reserve(long userId, String idempotencyKey) {
        return scripts.reserveKey(userId, idempotencyKey, UUID.randomUUID().toString(), IDEMPOTENCY_TTL);
    }

    /** Frees a reservation whose request committed nothing, so a retry on any replica can count. */
    public void release(long userId, String idempotencyKey, KeyReservation.Reserved reservation) {
        scripts.releaseReservation(userId, idempotencyKey, reservation);
    }

    /** Records a committed Strong answer where an Eventual replica looks for a retried key. */
    public void recordIncrement(long userId, String idempotencyKey, long by, long value) {
        scripts.recordAnswer(userId, idempotencyKey, by, value, IDEMPOTENCY_TTL);
    }

    /**
     * Reserves a set's fence: a seq above every batch issued for this user, in one step with the
     * claims, so every amount accepted before it is in a batch at or below it. Confirmed by the replicas
     * a failover could promote before MySQL gets it: one without the fence would issue seqs at or below it,
     * and MySQL would drop the amounts acknowledged after the set.
     */
    public long reserveFence(long userId) {
        return scripts.fence(userId).orElseGet(() -> {
            int shard = CounterKeys.shardOf(userId);
            startSeq(shard);
            return scripts.fence(userId).orElseThrow(() -> seqLostAgain(shard));
        });
    }

    /**
     * Caches a set's committed state and clears what the set overrides: batches at or below its fence.
     * Confirmed like the fence: a promoted replica without it would answer the value from before the set.
     */
    public CounterState afterSet(CounterSnapshot snapshot, long fence) {
        return scripts.afterSet(snapshot, fence);
    }

    /**
     * Drops a deleted user's state and leaves its tombstone, confirmed by the replicas a failover could
     * promote: one that lacked the tombstone would bring the user back into the cache.
     */
    public void evict(long userId) {
        scripts.evict(userId, TOMBSTONE_TTL);
    }

    /** Installs the state of a user MySQL has again although a delete left a tombstone, clearing it. */
    public CounterState installOverDeletion(CounterSnapshot snapshot) {
        return scripts.forget(snapshot);
    }

    /**
     * Drops a cached snapshot that may be older than MySQL (written while Redis was unreachable), confirmed
     * by the replicas a failover could promote: one that still held the snapshot would answer it again.
     */
    public void forgetSnapshot(long userId) {
        scripts.dropSnapshot(userId);
    }

    /**
     * Flush step 1 for a shard: unfinished batches first, then up to {@code max} fresh ones. Returns
     * only once the claim is on the replicas a failover could promote.
     */
    public ClaimedBatch claim(int shard, int max) {
        return claim(shard, max, List.of());
    }

    /** Flush step 1 for one user only (the manual per-user sync). */
    public ClaimedBatch claimUser(long userId) {
        return claim(CounterKeys.shardOf(userId), 1, List.of(userId));
    }

    private ClaimedBatch claim(int shard, int max, List<Long> onlyUsers) {
        return scripts.claim(shard, max, onlyUsers).orElseGet(() -> {
            startSeq(shard);
            return scripts.claim(shard, max, onlyUsers).orElseThrow(() -> seqLostAgain(shard));
        });
    }

    /** Flush step 3: clears each batch still claimed under its seq and caches the committed state. */
    public void acknowledge(ClaimedBatch batch, Map<Long, CounterSnapshot> committed) {
        scripts.acknowledge(batch, committed);
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

    /** The shard lost its last seq again between startSeq and the retry: Redis is losing its data. */
    private static CacheUnavailableException seqLostAgain(int shard) {
        return CacheUnavailableException.notRun("Redis lost the last seq of shard " + shard + " again", null);
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
}
