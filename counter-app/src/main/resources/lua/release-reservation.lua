-- Frees an Idempotency-Key a Strong request reserved and then committed nothing under.
-- KEYS[1]: the idempotency key. ARGV[1]: the reservation this request wrote.
-- Only that reservation: an answer recorded since, or another request's reservation, stays.
local key = KEYS[1]
local reservation = ARGV[1]
if redis.call('GET', key) == reservation then
  return redis.call('DEL', key)
end
return 0
