-- KEYS: snapshot, sync, claimed set. ARGV: counter, version, applied_seq, ttl_ms, user_id, fence
-- A set overrides deltas accepted while it ran, and every batch at or below its fence (MySQL ignores
-- those now); a batch claimed above the fence carries amounts accepted after it and stays.
install_snapshot(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
if redis.call('EXISTS', KEYS[2]) == 1 then
  local q = redis.call('HMGET', KEYS[2], 'bseq', 'fence')
  redis.call('HSET', KEYS[2], 'pending', 0)
  if q[2] == ARGV[6] then
    redis.call('HDEL', KEYS[2], 'fence')
  end
  local bseq = tonumber(q[1] or 0)
  if bseq > 0 and bseq <= tonumber(ARGV[6]) then
    redis.call('HSET', KEYS[2], 'inflight', 0, 'bseq', 0)
    redis.call('SREM', KEYS[3], ARGV[5])
  end
end
return counter_state(KEYS[1], KEYS[2])
