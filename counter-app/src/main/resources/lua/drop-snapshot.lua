-- A cache repair: drops a snapshot that may be older than MySQL. KEYS[1]: the snapshot.
-- A script, not a DEL, so that it runs where claims run: its WAIT proves the replicas dropped it too.
local snapshot_key = KEYS[1]
return redis.call('DEL', snapshot_key)
