-- A deleted user. KEYS: snapshot, sync, dirty set, claimed set. ARGV: user_id
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return 1
