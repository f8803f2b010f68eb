-- Flush step 3. KEYS: dirty set, claimed set of one shard.
-- ARGV: shard tag, ttl_ms, then per user: id, seq, counter, version, applied_seq ('' when the row is gone)
-- Clears a batch only if it is still the one claimed with that seq, and refreshes a snapshot still cached
-- with the committed state in the same step, so the value never counts the batch twice or not at all.
-- The set updates of the whole call go out as a few multi-key commands. The emptied hashes are
-- deleted one by one: measured on this Redis, one DEL per hash right after its HMGET costs less than
-- multi-key DELs of the same hashes at the end.
local tag = ARGV[1]
local cleared, still_pending = {}, {}
for i = 3, #ARGV, 5 do
  local id = ARGV[i]
  local qk = tag .. ':q:' .. id
  local q = redis.call('HMGET', qk, 'bseq', 'pending')
  if q[1] == ARGV[i + 1] then
    cleared[#cleared + 1] = id
    if tonumber(q[2] or 0) == 0 then
      redis.call('DEL', qk)
    else
      redis.call('HSET', qk, 'inflight', 0, 'bseq', 0)
      still_pending[#still_pending + 1] = id
    end
  end
  if ARGV[i + 2] ~= '' then
    install_snapshot(tag .. ':db:' .. id, ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[2], true)
  end
end
for i = 1, #still_pending, 500 do
  redis.call('SADD', KEYS[1], unpack(still_pending, i, math.min(i + 499, #still_pending)))
end
for i = 1, #cleared, 500 do
  redis.call('SREM', KEYS[2], unpack(cleared, i, math.min(i + 499, #cleared)))
end
return #cleared
