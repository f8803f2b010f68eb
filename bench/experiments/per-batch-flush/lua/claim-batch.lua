-- Prototype flush step 1 for one shard (not used by the app): hands back every batch still in flight, and
-- turns the shard's pending hash into a new batch by renaming it: O(1) whatever the number of counters.
-- The flusher reads a batch with HSCAN ... COUNT 1000 (plain reads: a batch is immutable once claimed, so
-- reading it twice gives the same rows) and applies each chunk to MySQL as today, fenced by the batch seq.
local pending_key = KEYS[1]
local inflight_index_key = KEYS[2]
local seq_key = KEYS[3]
local claims_key = KEYS[4]
local inflight_prefix = ARGV[1]
-- Reply: the seqs of the batches in flight, oldest first; NO_SEQ when the shard has no last seq.
local NO_SEQ = -1
if redis.call('EXISTS', seq_key) == 0 then
  return NO_SEQ
end
if redis.call('EXISTS', pending_key) == 1 then
  local seq = redis.call('INCR', seq_key)
  -- NX: a batch is never overwritten, even if a seq were issued twice
  if redis.call('RENAMENX', pending_key, inflight_prefix .. seq) == 0 then
    return redis.error_reply('batch ' .. seq .. ' exists already')
  end
  redis.call('ZADD', inflight_index_key, seq, seq)
end
local out = redis.call('ZRANGE', inflight_index_key, 0, -1)
if #out > 0 then
  redis.call('INCR', claims_key)   -- a write, so that the WAIT after the claim means something (as claim.lua)
end
return out
