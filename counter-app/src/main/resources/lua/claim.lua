-- Flush step 1. KEYS: dirty set, claimed set of one shard. ARGV: shard tag, max new claims, [user ids]
-- Returns {new_claims, {id, delta, seq, ...}}: first every batch claimed earlier and not acknowledged
-- (unchanged: a claimed batch is immutable), then fresh batches made from pending amounts.
-- The per-user keys are built here from the shard tag, so they share the slot of KEYS.
local tag = ARGV[1]
local only = {}
for i = 3, #ARGV do only[ARGV[i]] = true end
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if #ARGV < 3 or only[id] then
    local q = redis.call('HMGET', tag .. ':q:' .. id, 'inflight', 'bseq')
    if q[2] and tonumber(q[2]) > 0 then
      out[#out + 1] = id; out[#out + 1] = q[1]; out[#out + 1] = q[2]
    else
      redis.call('SREM', KEYS[2], id)
    end
  end
end
local candidates
if #ARGV < 3 then
  candidates = redis.call('SPOP', KEYS[1], ARGV[2])
else
  candidates = {}
  for i = 3, #ARGV do
    if redis.call('SREM', KEYS[1], ARGV[i]) == 1 then candidates[#candidates + 1] = ARGV[i] end
  end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local fresh = {}
for _, id in ipairs(candidates) do
  local qk = tag .. ':q:' .. id
  local q = redis.call('HMGET', qk, 'pending', 'bseq', 'seq', 'fence')
  if tonumber(q[2] or 0) == 0 and tonumber(q[1] or 0) ~= 0 then
    local seq
    if q[4] then
      -- amounts from before a set's fence: their batch takes the fence seq, so a committed set ignores it
      seq = q[4]
      redis.call('HDEL', qk, 'fence')
    else
      -- the clock keeps seq above every seq MySQL has applied, even after Redis lost this hash
      local aseq = tonumber(redis.call('HGET', tag .. ':db:' .. id, 'aseq') or 0)
      seq = string.format('%.0f', math.max(tonumber(q[3] or 0) + 1, aseq + 1, now))
    end
    redis.call('HSET', qk, 'pending', 0, 'inflight', q[1], 'bseq', seq, 'seq', seq)
    out[#out + 1] = id; out[#out + 1] = q[1]; out[#out + 1] = seq
    fresh[#fresh + 1] = id
  end
end
-- one SADD per 500 claims instead of one per claim: the flush's Redis time is mostly these calls
for i = 1, #fresh, 500 do
  redis.call('SADD', KEYS[2], unpack(fresh, i, math.min(i + 499, #fresh)))
end
return {#fresh, out}
