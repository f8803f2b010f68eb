-- KEYS: snapshot, sync, claimed set. ARGV: counter, version, applied_seq, ttl_ms, user_id
-- A set overrides deltas accepted while it ran, and a batch it fenced out in MySQL (bseq <= applied_seq).
install_snapshot(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[2], 'pending', 0)
  local bseq = tonumber(redis.call('HGET', KEYS[2], 'bseq') or 0)
  if bseq > 0 and bseq <= tonumber(ARGV[3]) then
    redis.call('HSET', KEYS[2], 'inflight', 0, 'bseq', 0)
    redis.call('SREM', KEYS[3], ARGV[5])
  end
end
return counter_state(KEYS[1], KEYS[2])
