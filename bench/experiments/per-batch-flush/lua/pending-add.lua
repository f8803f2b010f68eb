-- Prototype of the Eventual increment under a per-batch layout (not used by the app). Per shard S:
--   {p:S}:db:N        the snapshot {v, ver, aseq}, as today
--   {p:S}:pending     one hash for the shard: user id -> amount not yet claimed
--   {p:S}:inflight:Q  a claimed batch, immutable: user id -> amount, under batch seq Q
--   {p:S}:inflight    sorted set of the seqs of the batches in flight (score = member = seq)
-- The visible value is v + pending[N] + the sum of inflight:Q[N] over the batches with Q > aseq.
-- No dirty set, no per-user sync hash, no per-user seq: the claim takes the whole pending hash.
--!include idempotency-record.lua
local snapshot_key = KEYS[1]
local pending_key = KEYS[2]
local inflight_index_key = KEYS[3]
local idempotency_key = KEYS[4]
local user_id = ARGV[1]
local by = ARGV[2]
local use_idempotency_key = ARGV[3]
local idempotency_ttl_ms = ARGV[4]
local snapshot_ttl_ms = ARGV[5]
local max_value = ARGV[6]
local reservation_lease_ms = ARGV[7]
local inflight_prefix = ARGV[8]      -- a batch's key is this plus its seq
-- Replies as add-pending.lua's: MISS, {ADDED, value}, {REPLAYED, by, value}, {OUT_OF_RANGE, value}, IN_PROGRESS
local MISS, ADDED, REPLAYED, OUT_OF_RANGE, IN_PROGRESS = 0, 1, 2, 3, 4
if use_idempotency_key == '1' then
  local prior = redis.call('GET', idempotency_key)
  if prior and is_reservation(prior) then
    local age = tonumber(idempotency_ttl_ms) - redis.call('PTTL', idempotency_key)
    if tonumber(reservation_lease_ms) == 0 or age < tonumber(reservation_lease_ms) then
      return {IN_PROGRESS}
    end
    prior = nil
  end
  if prior then
    local first_by, first_value = read_answer(prior)
    return {REPLAYED, first_by, first_value}
  end
end
local s = redis.call('HMGET', snapshot_key, 'v', 'aseq')
if not s[1] then
  return {MISS}
end
-- added first and taken back when out of range (rare): HINCRBY's reply is the new pending amount, so the
-- amount needs no read of its own
local pending = redis.call('HINCRBY', pending_key, user_id, by)
local inflight = 0
for _, seq in ipairs(redis.call('ZRANGEBYSCORE', inflight_index_key, '(' .. s[2], '+inf')) do
  inflight = inflight + tonumber(redis.call('HGET', inflight_prefix .. seq, user_id) or 0)
end
local before = tonumber(s[1]) + pending - tonumber(by) + inflight
if before > tonumber(max_value) - tonumber(by) then
  if pending == tonumber(by) then
    redis.call('HDEL', pending_key, user_id)
  else
    redis.call('HINCRBY', pending_key, user_id, -tonumber(by))
  end
  return {OUT_OF_RANGE, before}
end
if redis.call('PTTL', snapshot_key) < tonumber(snapshot_ttl_ms) / 2 then
  redis.call('PEXPIRE', snapshot_key, snapshot_ttl_ms)
end
local value = before + tonumber(by)
if use_idempotency_key == '1' then
  redis.call('SET', idempotency_key, answer_record(by, string.format('%.0f', value)), 'PX', idempotency_ttl_ms)
end
return {ADDED, value}
