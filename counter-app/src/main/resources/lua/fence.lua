-- A set's fence, before it commits to MySQL. Reserves a seq above every seq issued for this user, in one
-- step with the claims, so no claim can slip in between and carry amounts accepted before the set above the
-- fence. Pending amounts are sealed into a batch at the fence (applied if the set fails, fenced out if it
-- commits); with a batch already in flight they stay pending, marked so that their claim takes the fence
-- seq too.
local snapshot_key = KEYS[1]
local sync_key = KEYS[2]
local dirty_key = KEYS[3]     -- the shard's dirty set
local claimed_key = KEYS[4]   -- the shard's claimed set
local seq_key = KEYS[5]       -- the shard's last issued seq
local user_id = ARGV[1]
-- Replies: the fence; NO_SEQ with nothing changed when the shard has no last seq (see claim.lua).
local NO_SEQ = '-1'
if redis.call('EXISTS', seq_key) == 0 then
  return NO_SEQ
end
local q = redis.call('HMGET', sync_key, 'pending', 'bseq', 'seq')
local aseq = tonumber(redis.call('HGET', snapshot_key, 'aseq') or 0)
local last = tonumber(redis.call('GET', seq_key) or 0)
local fence = string.format('%.0f', math.max(tonumber(q[3] or 0), aseq, last) + 1)
redis.call('SET', seq_key, fence)
local pending = tonumber(q[1] or 0)
-- a mark an earlier set left (one that died after its fence) is replaced or dropped here: amounts
-- accepted after this set may never take that older seq
if pending ~= 0 and tonumber(q[2] or 0) == 0 then
  redis.call('HSET', sync_key, 'pending', 0, 'inflight', q[1], 'bseq', fence, 'seq', fence)
  redis.call('HDEL', sync_key, 'fence')
  redis.call('SREM', dirty_key, user_id)
  redis.call('SADD', claimed_key, user_id)
elseif pending ~= 0 then
  redis.call('HSET', sync_key, 'seq', fence, 'fence', fence)
elseif q[3] then
  redis.call('HSET', sync_key, 'seq', fence)
  redis.call('HDEL', sync_key, 'fence')
end
return fence
