-- KEYS: snapshot, sync. ARGV: counter, version, applied_seq, ttl_ms
install_snapshot(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return counter_state(KEYS[1], KEYS[2])
