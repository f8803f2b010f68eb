-- Flush step 3 for one shard: clears a batch only if it is still the one claimed with that seq, and
-- refreshes a snapshot still cached with the committed state in the same step, so the value never counts
-- the batch twice or not at all.
-- The set updates of the whole call go out as a few multi-key commands. The emptied hashes are
-- deleted one by one: measured on this Redis, one DEL per hash right after its HMGET costs less than
-- multi-key DELs of the same hashes at the end.
--!include counter-state.lua
local dirty_key = KEYS[1]
local claimed_key = KEYS[2]
local sync_key_prefix = ARGV[1]      -- a user's sync key is this plus the user id (same slot as KEYS)
local snapshot_key_prefix = ARGV[2]  -- likewise for the snapshot key
local tombstone_key_prefix = ARGV[3] -- likewise for the tombstone key
local first_user = 4                 -- ARGV[4..], five per user: id, seq, counter, version, applied_seq
                                     -- (the last three '' when the user's row is gone)
-- Reply: how many batches were cleared.
local cleared, still_pending = {}, {}
for i = first_user, #ARGV, 5 do
  local id, seq, counter, version, applied_seq = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local qk = sync_key_prefix .. id
  local q = redis.call('HMGET', qk, 'bseq', 'pending')
  if q[1] == seq then
    cleared[#cleared + 1] = id
    if tonumber(q[2] or 0) == 0 then
      redis.call('DEL', qk)
    else
      redis.call('HSET', qk, 'inflight', 0, 'bseq', 0)
      still_pending[#still_pending + 1] = id
    end
  end
  if counter ~= '' then
    -- refresh_only: a snapshot no longer cached stays uncached, so no TTL is given
    install_snapshot(snapshot_key_prefix .. id, tombstone_key_prefix .. id, counter, version, applied_seq, nil, true)
  end
end
for i = 1, #still_pending, 500 do
  redis.call('SADD', dirty_key, unpack(still_pending, i, math.min(i + 499, #still_pending)))
end
for i = 1, #cleared, 500 do
  redis.call('SREM', claimed_key, unpack(cleared, i, math.min(i + 499, #cleared)))
end
return #cleared
