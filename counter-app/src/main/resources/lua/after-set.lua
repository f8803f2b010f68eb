-- A set's cache step, after it committed. A set overrides deltas accepted while it ran, and every batch at
-- or below its fence (MySQL ignores those now); a batch claimed above the fence carries amounts accepted
-- after it and stays.
--!include counter-state.lua
local snapshot_key = KEYS[1]
local sync_key = KEYS[2]
local claimed_key = KEYS[3]    -- the shard's claimed set
local tombstone_key = KEYS[4]
local counter = ARGV[1]        -- the committed state: counter, version, applied_seq
local version = ARGV[2]
local applied_seq = ARGV[3]
local snapshot_ttl_ms = ARGV[4]
local user_id = ARGV[5]
local fence = ARGV[6]          -- the set's fence (fence.lua)
-- Reply: the counter's state (counter_state).
install_snapshot(snapshot_key, tombstone_key, counter, version, applied_seq, snapshot_ttl_ms)
if redis.call('EXISTS', sync_key) == 1 then
  local q = redis.call('HMGET', sync_key, 'bseq', 'fence')
  redis.call('HSET', sync_key, 'pending', 0)
  if q[2] == fence then
    redis.call('HDEL', sync_key, 'fence')
  end
  local bseq = tonumber(q[1] or 0)
  if bseq > 0 and bseq <= tonumber(fence) then
    redis.call('HSET', sync_key, 'inflight', 0, 'bseq', 0)
    redis.call('SREM', claimed_key, user_id)
  end
end
return counter_state(snapshot_key, sync_key)
