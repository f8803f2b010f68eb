-- A set's fence, before it commits to MySQL. KEYS: snapshot, sync, dirty set, claimed set, shard seq
-- counter. ARGV: user_id
-- Reserves a seq above every seq issued for this user, in one step with the claims, so no claim can
-- slip in between and carry amounts accepted before the set above the fence. Pending amounts are sealed
-- into a batch at the fence (applied if the set fails, fenced out if it commits); with a batch already in
-- flight they stay pending, marked so that their claim takes the fence seq too.
-- Reply: the fence, or NO_SEQ with nothing changed when the shard has no last seq (see claim.lua).
local NO_SEQ = '-1'
if redis.call('EXISTS', KEYS[5]) == 0 then
  return NO_SEQ
end
local q = redis.call('HMGET', KEYS[2], 'pending', 'bseq', 'seq')
local aseq = tonumber(redis.call('HGET', KEYS[1], 'aseq') or 0)
local last = tonumber(redis.call('GET', KEYS[5]) or 0)
local fence = string.format('%.0f', math.max(tonumber(q[3] or 0), aseq, last) + 1)
redis.call('SET', KEYS[5], fence)
local pending = tonumber(q[1] or 0)
-- a mark an earlier set left (one that died after its fence) is replaced or dropped here: amounts
-- accepted after this set may never take that older seq
if pending ~= 0 and tonumber(q[2] or 0) == 0 then
  redis.call('HSET', KEYS[2], 'pending', 0, 'inflight', q[1], 'bseq', fence, 'seq', fence)
  redis.call('HDEL', KEYS[2], 'fence')
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('SADD', KEYS[4], ARGV[1])
elseif pending ~= 0 then
  redis.call('HSET', KEYS[2], 'seq', fence, 'fence', fence)
elseif q[3] then
  redis.call('HSET', KEYS[2], 'seq', fence)
  redis.call('HDEL', KEYS[2], 'fence')
end
return fence
