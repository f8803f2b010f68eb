-- The Eventual increment.
--!include counter-state.lua
--!include idempotency-record.lua
local snapshot_key = KEYS[1]
local sync_key = KEYS[2]
local dirty_key = KEYS[3]          -- the shard's dirty set
local idempotency_key = KEYS[4]    -- the client's Idempotency-Key, or a token of this request (Java)
local user_id = ARGV[1]
local by = ARGV[2]
local idempotency_ttl_ms = ARGV[3]
local snapshot_ttl_ms = ARGV[4]
local max_value = ARGV[5]
local reservation_lease_ms = ARGV[6] -- a Strong reservation older than this is taken over; 0: never
-- Replies: MISS: no snapshot cached (the caller loads MySQL and retries); {ADDED, value};
-- {REPLAYED, first_by, first_value}: the Idempotency-Key was used before; {OUT_OF_RANGE, value}: adding
-- would take the counter above max_value; IN_PROGRESS: a Strong replica reserved the key and may still be
-- committing it. Nothing is added but on ADDED.
local MISS, ADDED, REPLAYED, OUT_OF_RANGE, IN_PROGRESS = 0, 1, 2, 3, 4
local prior = redis.call('GET', idempotency_key)
if prior and is_reservation(prior) then
  -- the reservation's age, from Redis' own TTL countdown: no replica's clock is involved
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
-- no EXISTS: every write of a snapshot sets v, ver and aseq together (install_snapshot), so no v means no snapshot
local st = counter_state(snapshot_key, sync_key)
if st[1] == 0 then
  return {MISS}
end
local value = st[2] + st[5]
if st[7] > st[4] then value = value + st[6] end
-- compared before adding, while every number is at most max_value and so exact as a Lua double
if value > tonumber(max_value) - tonumber(by) then
  return {OUT_OF_RANGE, value}
end
redis.call('HINCRBY', sync_key, 'pending', by)
if st[5] == 0 then
  -- only from zero: pending ~= 0 is in the dirty set or in a batch in flight whose acknowledgement adds it back
  -- (claim drops a user only to zero its pending or with a batch in flight; fence, set, delete zero pending)
  redis.call('SADD', dirty_key, user_id)
  -- the applied seq is kept with the amounts (which never expire), so their claim stays above it after the
  -- snapshot expired; only from zero: the hash is created here with it and no script deletes the field alone
  redis.call('HSETNX', sync_key, 'seq', string.format('%.0f', st[4]))
end
-- a counter in use keeps its snapshot, so increments go on being accepted while MySQL is away; refreshed once
-- half its TTL has passed, not by every increment: a PTTL is a read, a PEXPIRE a write for every replica and AOF
if redis.call('PTTL', snapshot_key) < tonumber(snapshot_ttl_ms) / 2 then
  redis.call('PEXPIRE', snapshot_key, snapshot_ttl_ms)
end
value = value + tonumber(by)
redis.call('SET', idempotency_key, answer_record(by, string.format('%.0f', value)), 'PX', idempotency_ttl_ms)
return {ADDED, value}
