-- Flush step 3. KEYS: dirty set, claimed set of one shard.
-- ARGV: shard tag, ttl_ms, then per user: id, seq, counter, version, applied_seq ('' when the row is gone)
-- Clears a batch only if it is still the one claimed with that seq, and installs the committed state
-- in the same step, so the value never counts the batch twice or not at all.
local tag = ARGV[1]
local cleared = {}
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
      redis.call('SADD', KEYS[1], id)
    end
  end
  if ARGV[i + 2] ~= '' then
    install_snapshot(tag .. ':db:' .. id, ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[2])
  end
end
-- one SREM per 500 cleared batches instead of one per batch
for i = 1, #cleared, 500 do
  redis.call('SREM', KEYS[2], unpack(cleared, i, math.min(i + 499, #cleared)))
end
return #ARGV
