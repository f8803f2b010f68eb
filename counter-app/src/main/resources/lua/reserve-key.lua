-- Reserves an Idempotency-Key before a Strong commit, so that an Eventual replica does not count a retry
-- meanwhile. One SET NX GET: a copy Lettuce re-sends after a reconnect finds this request's own reservation.
--!include idempotency-record.lua
local idempotency_key = KEYS[1]
local token = ARGV[1]          -- unique to this request
local ttl_ms = ARGV[2]
-- Replies: RESERVED: ours now; HELD_ELSEWHERE: another Strong request reserved it; {ANSWERED, first_by,
-- first_value}: an earlier attempt was answered (by either mode).
local RESERVED, HELD_ELSEWHERE, ANSWERED = 0, 1, 2
local reservation = reservation_record(token)
local prior = redis.call('SET', idempotency_key, reservation, 'NX', 'GET', 'PX', ttl_ms)
if not prior or prior == reservation then
  return {RESERVED}
end
if is_reservation(prior) then
  return {HELD_ELSEWHERE}
end
local first_by, first_value = read_answer(prior)
return {ANSWERED, first_by, first_value}
