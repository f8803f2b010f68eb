-- The Eventual increment. KEYS: snapshot, sync, dirty set, idempotency key.
-- ARGV: user_id, by, use_idempotency_key (0|1), idempotency_ttl_ms, snapshot_ttl_ms, max_value,
-- reservation_lease_ms (a Strong reservation older than this is taken over; 0: never)
-- Returns {0} on a cache miss (the caller loads MySQL and retries), {1, value} when added,
-- {2, first_by, first_value} when the Idempotency-Key was used before, {3, value} when adding would take
-- the counter above max_value (nothing added), {4} when a Strong replica reserved the key and may still
-- be committing it (nothing added).
if ARGV[3] == '1' then
  local prior = redis.call('GET', KEYS[4])
  if prior and string.sub(prior, 1, 9) == 'reserved ' then
    -- the reservation's age, from Redis' own TTL countdown: no replica's clock is involved
    local age = tonumber(ARGV[4]) - redis.call('PTTL', KEYS[4])
    if tonumber(ARGV[7]) == 0 or age < tonumber(ARGV[7]) then
      return {4}
    end
    prior = nil
  end
  if prior then
    local sep = string.find(prior, ':', 1, true)
    return {2, tonumber(string.sub(prior, 1, sep - 1)), tonumber(string.sub(prior, sep + 1))}
  end
end
-- no EXISTS: every write of a snapshot sets v, ver and aseq together (install_snapshot), so no v means no snapshot
local st = counter_state(KEYS[1], KEYS[2])
if st[1] == 0 then
  return {0}
end
local value = st[2] + st[5]
if st[7] > st[4] then value = value + st[6] end
-- compared before adding, while every number is at most max_value and so exact as a Lua double
if value > tonumber(ARGV[6]) - tonumber(ARGV[2]) then
  return {3, value}
end
redis.call('HINCRBY', KEYS[2], 'pending', ARGV[2])
if st[5] == 0 then
  -- only from zero: pending ~= 0 is in the dirty set or in a batch in flight whose acknowledgement adds it back
  -- (claim drops a user only to zero its pending or with a batch in flight; fence, set, delete zero pending)
  redis.call('SADD', KEYS[3], ARGV[1])
  -- the applied seq is kept with the amounts (which never expire), so their claim stays above it after the
  -- snapshot expired; only from zero: the hash is created here with it and no script deletes the field alone
  redis.call('HSETNX', KEYS[2], 'seq', string.format('%.0f', st[4]))
end
-- a counter in use keeps its snapshot, so increments go on being accepted while MySQL is away; refreshed once
-- half its TTL has passed, not by every increment: a PTTL is a read, a PEXPIRE a write for every replica and AOF
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[5]) / 2 then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
value = value + tonumber(ARGV[2])
if ARGV[3] == '1' then
  redis.call('SET', KEYS[4], ARGV[2] .. ':' .. string.format('%.0f', value), 'PX', ARGV[4])
end
return {1, value}
