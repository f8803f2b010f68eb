-- A user that exists in MySQL although a delete left a tombstone (its row was read after the tombstone).
-- KEYS: snapshot, sync, tombstone. ARGV: counter, version, applied_seq, ttl_ms
redis.call('DEL', KEYS[3])
install_snapshot(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return counter_state(KEYS[1], KEYS[2])
