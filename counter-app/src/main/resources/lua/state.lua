-- A counter's state, for a read.
--!include counter-state.lua
local snapshot_key = KEYS[1]
local sync_key = KEYS[2]
-- Reply: the counter's state (counter_state).
return counter_state(snapshot_key, sync_key)
