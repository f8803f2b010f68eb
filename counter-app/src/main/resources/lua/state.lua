-- KEYS: snapshot, sync
return counter_state(KEYS[1], KEYS[2])
