-- A deleted user. KEYS: snapshot, sync, dirty set, claimed set, tombstone. ARGV: user_id, tombstone_ttl_ms
-- The tombstone outlives any flush or install still under way, which may not recreate the snapshot.
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('SET', KEYS[5], '1', 'PX', ARGV[2])
return 1
