-- Records a committed Strong answer under its Idempotency-Key, where an Eventual replica looks for a retry.
--!include idempotency-record.lua
local idempotency_key = KEYS[1]
local by = ARGV[1]
local value = ARGV[2]
local ttl_ms = ARGV[3]
-- Reply: OK.
return redis.call('SET', idempotency_key, answer_record(by, value), 'PX', ttl_ms)
