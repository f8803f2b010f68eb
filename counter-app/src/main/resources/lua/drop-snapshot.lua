-- A cache repair: drops a snapshot that may be older than MySQL.
-- A script, not a DEL, so that it runs where claims run: its WAIT proves the replicas dropped it too.
local snapshot_key = KEYS[1]
-- Reply: 1 when it was cached, else 0.
return redis.call('DEL', snapshot_key)
