-- Flush step 1. KEYS: dirty set, claimed set, seq counter, claim counter of one shard.
-- ARGV: shard tag, max new claims, [user ids]
-- Returns {new_claims, {id, delta, seq, ...}}: first every batch claimed earlier and not acknowledged
-- (unchanged: a claimed batch is immutable), then fresh batches made from pending amounts.
-- The per-user keys are built here from the shard tag, so they share the slot of KEYS.
-- Reply code: NO_SEQ in place of new_claims, with nothing changed, when the shard has no last seq (a new
-- Redis, or one that lost its data); the caller starts the seq from a floor kept in MySQL and claims again.
local NO_SEQ = -1
if redis.call('EXISTS', KEYS[3]) == 0 then
  return {NO_SEQ, {}}
end
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
-- the shard's last issued seq never expires: seq stays monotonic without trusting any clock
local last = tonumber(redis.call('GET', KEYS[3]) or 0)
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
      -- above the shard's last seq and the applied seq recorded with the amounts (add-pending), even
      -- when the snapshot expired before this claim
      local aseq = tonumber(redis.call('HGET', tag .. ':db:' .. id, 'aseq') or 0)
      seq = string.format('%.0f', math.max(tonumber(q[3] or 0), aseq, last) + 1)
    end
    last = math.max(last, tonumber(seq))
    redis.call('HSET', qk, 'pending', 0, 'inflight', q[1], 'bseq', seq, 'seq', seq)
    out[#out + 1] = id; out[#out + 1] = q[1]; out[#out + 1] = seq
    fresh[#fresh + 1] = id
  end
end
if #fresh > 0 then
  redis.call('SET', KEYS[3], string.format('%.0f', last))
end
-- one SADD per 500 claims instead of one per claim: the flush's Redis time is mostly these calls
for i = 1, #fresh, 500 do
  redis.call('SADD', KEYS[2], unpack(fresh, i, math.min(i + 499, #fresh)))
end
-- a claim that hands out anything writes, even when it only hands back earlier batches: the WAIT after it
-- then proves the replicas hold everything before this write, those batches included (one ordered stream)
if #out > 0 then
  redis.call('INCR', KEYS[4])
end
return {#fresh, out}
