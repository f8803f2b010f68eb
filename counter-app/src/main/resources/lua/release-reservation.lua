-- Frees an Idempotency-Key a Strong request reserved and then committed nothing under. Only that
-- reservation: an answer recorded since, or another request's reservation, stays.
--!include idempotency-record.lua
local idempotency_key = KEYS[1]
local token = ARGV[1]          -- the token of this request's reservation (reserve-key.lua)
-- Reply: 1 when it was freed, else 0.
if redis.call('GET', idempotency_key) == reservation_record(token) then
  return redis.call('DEL', idempotency_key)
end
return 0
