-- Flush step 1 for one shard: first every batch claimed earlier and not acknowledged (unchanged: a claimed
-- batch is immutable), then fresh batches made from pending amounts.
local dirty_key = KEYS[1]
local claimed_key = KEYS[2]
local seq_key = KEYS[3]             -- the shard's last issued seq
local claims_key = KEYS[4]          -- counts the claims that handed something out
local sync_key_prefix = ARGV[1]     -- a user's sync key is this plus the user id (same slot as KEYS)
local snapshot_key_prefix = ARGV[2] -- likewise for the snapshot key
local max_new_claims = ARGV[3]
local first_user = 4                -- ARGV[4..]: only these users (none: any of the shard)
-- Replies: {new_claims, {user_id, delta, seq, ...}}; {NO_SEQ, {}} with nothing changed when the shard has
-- no last seq (a new Redis, or one that lost its data): the caller starts the seq from a floor kept in
-- MySQL and claims again.
local NO_SEQ = -1
if redis.call('EXISTS', seq_key) == 0 then
  return {NO_SEQ, {}}
end
local any_user = #ARGV < first_user
local only = {}
for i = first_user, #ARGV do only[ARGV[i]] = true end
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', claimed_key)) do
  if any_user or only[id] then
    local q = redis.call('HMGET', sync_key_prefix .. id, 'inflight', 'bseq')
    if q[2] and tonumber(q[2]) > 0 then
      out[#out + 1] = id; out[#out + 1] = q[1]; out[#out + 1] = q[2]
    else
      redis.call('SREM', claimed_key, id)
    end
  end
end
local candidates
if any_user then
  candidates = redis.call('SPOP', dirty_key, max_new_claims)
else
  candidates = {}
  for i = first_user, #ARGV do
    if redis.call('SREM', dirty_key, ARGV[i]) == 1 then candidates[#candidates + 1] = ARGV[i] end
  end
end
-- the shard's last issued seq never expires: seq stays monotonic without trusting any clock
local last = tonumber(redis.call('GET', seq_key) or 0)
local fresh = {}
for _, id in ipairs(candidates) do
  local qk = sync_key_prefix .. id
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
      local aseq = tonumber(redis.call('HGET', snapshot_key_prefix .. id, 'aseq') or 0)
      seq = string.format('%.0f', math.max(tonumber(q[3] or 0), aseq, last) + 1)
    end
    last = math.max(last, tonumber(seq))
    redis.call('HSET', qk, 'pending', 0, 'inflight', q[1], 'bseq', seq, 'seq', seq)
    out[#out + 1] = id; out[#out + 1] = q[1]; out[#out + 1] = seq
    fresh[#fresh + 1] = id
  end
end
if #fresh > 0 then
  redis.call('SET', seq_key, string.format('%.0f', last))
end
-- one SADD per 500 claims instead of one per claim: the flush's Redis time is mostly these calls
for i = 1, #fresh, 500 do
  redis.call('SADD', claimed_key, unpack(fresh, i, math.min(i + 499, #fresh)))
end
-- a claim that hands out anything writes, even when it only hands back earlier batches: the WAIT after it
-- then proves the replicas hold everything before this write, those batches included (one ordered stream)
if #out > 0 then
  redis.call('INCR', claims_key)
end
return {#fresh, out}
