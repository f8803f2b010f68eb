-- A deleted user. The tombstone outlives any flush or install still under way, which may not recreate the
-- snapshot.
local snapshot_key = KEYS[1]
local sync_key = KEYS[2]
local dirty_key = KEYS[3]     -- the shard's dirty set
local claimed_key = KEYS[4]   -- the shard's claimed set
local tombstone_key = KEYS[5]
local user_id = ARGV[1]
local tombstone_ttl_ms = ARGV[2]
-- Reply: 1.
redis.call('DEL', snapshot_key, sync_key)
redis.call('SREM', dirty_key, user_id)
redis.call('SREM', claimed_key, user_id)
redis.call('SET', tombstone_key, '1', 'PX', tombstone_ttl_ms)
return 1
