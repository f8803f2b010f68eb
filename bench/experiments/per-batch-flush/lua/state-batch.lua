-- Prototype of a read (not used by the app): the counter's state under the per-batch layout of
-- pending-add.lua. The in-flight amount is summed over the shard's batches above the snapshot's aseq.
local snapshot_key = KEYS[1]
local pending_key = KEYS[2]
local inflight_index_key = KEYS[3]
local user_id = ARGV[1]
local inflight_prefix = ARGV[2]
-- Reply: {cached (1|0), counter, version, applied_seq, pending, inflight}
local s = redis.call('HMGET', snapshot_key, 'v', 'ver', 'aseq')
local pending = tonumber(redis.call('HGET', pending_key, user_id) or 0)
if not s[1] then
  return {0, 0, 0, 0, pending, 0}
end
local inflight = 0
for _, seq in ipairs(redis.call('ZRANGEBYSCORE', inflight_index_key, '(' .. s[3], '+inf')) do
  inflight = inflight + tonumber(redis.call('HGET', inflight_prefix .. seq, user_id) or 0)
end
return {1, tonumber(s[1]), tonumber(s[2]), tonumber(s[3]), pending, inflight}
