-- Caches a committed MySQL state unless the cache holds it or a newer one already.
--!include counter-state.lua
local snapshot_key = KEYS[1]
local sync_key = KEYS[2]
local tombstone_key = KEYS[3]
local counter = ARGV[1]        -- the committed state: counter, version, applied_seq
local version = ARGV[2]
local applied_seq = ARGV[3]
local snapshot_ttl_ms = ARGV[4]
-- Reply: the counter's state (counter_state).
install_snapshot(snapshot_key, tombstone_key, counter, version, applied_seq, snapshot_ttl_ms)
return counter_state(snapshot_key, sync_key)
