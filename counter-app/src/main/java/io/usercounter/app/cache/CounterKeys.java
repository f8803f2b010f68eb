package io.usercounter.app.cache;

/**
 * Redis key names. Every key of a user carries the hash tag of the user's shard, {prefix:shard}, so
 * one script touches one slot (Redis Cluster), and the flusher can scan a shard's dirty set.
 * Every key is named here only, so that each script gets its keys in KEYS as Redis Cluster asks; a script
 * that finds its users inside Redis (claim.lua) appends their ids to a prefix given here.
 */
public record CounterKeys(String prefix) {

    public static final int SHARDS = 16;

    public static int shardOf(long userId) {
        return (int) Math.floorMod(userId, (long) SHARDS);
    }

    public String tag(int shard) {
        return "{" + prefix + ":" + shard + "}";
    }

    public String snapshot(long userId) {
        return snapshotPrefix(shardOf(userId)) + userId;
    }

    public String sync(long userId) {
        return syncPrefix(shardOf(userId)) + userId;
    }

    /** A deleted user's tombstone: installs may not recreate its snapshot. */
    public String tombstone(long userId) {
        return tombstonePrefix(shardOf(userId)) + userId;
    }

    /** A snapshot key of the shard is this plus the user id. */
    String snapshotPrefix(int shard) {
        return tag(shard) + ":db:";
    }

    String syncPrefix(int shard) {
        return tag(shard) + ":q:";
    }

    String tombstonePrefix(int shard) {
        return tag(shard) + ":gone:";
    }

    public String dirty(int shard) {
        return tag(shard) + ":dirty";
    }

    public String claimed(int shard) {
        return tag(shard) + ":claimed";
    }

    /** The last batch seq issued in the shard; never expires. */
    public String seq(int shard) {
        return tag(shard) + ":seq";
    }

    /** Counts the claims that handed something out: each one writes, so a WAIT after it means something. */
    public String claims(int shard) {
        return tag(shard) + ":claims";
    }

    public String idempotency(long userId, String key) {
        return tag(shardOf(userId)) + ":idem:" + userId + ":" + key;
    }
}
