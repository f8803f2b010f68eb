-- A counter, included by the scripts that read or install one. It lives in two hashes of one cluster slot:
--   snapshot {v, ver, aseq}: a committed MySQL state (value, row version, last applied batch seq), with a TTL
--   sync {pending, inflight, bseq, seq}: Eventual deltas not yet in MySQL, never expiring
-- The visible value is v + pending + inflight, where inflight counts only while the snapshot does not
-- contain that batch yet (bseq > aseq).

-- {cached (1|0), counter, version, applied_seq, pending, inflight, batch_seq}: the reply of the scripts
-- that return a counter's state, in the order of the components of CounterState (Java)
local function counter_state(snapshot_key, sync_key)
  local s = redis.call('HMGET', snapshot_key, 'v', 'ver', 'aseq')
  local q = redis.call('HMGET', sync_key, 'pending', 'inflight', 'bseq')
  local cached = s[1] and 1 or 0
  local counter, version, applied_seq = tonumber(s[1] or 0), tonumber(s[2] or 0), tonumber(s[3] or 0)
  local pending, inflight, batch_seq = tonumber(q[1] or 0), tonumber(q[2] or 0), tonumber(q[3] or 0)
  return {cached, counter, version, applied_seq, pending, inflight, batch_seq}
end

-- installs a committed state unless the cache already holds that state or a newer one. With refresh_only
-- (the flush's acknowledgement) it only updates a snapshot still cached, keeping its TTL (an increment
-- refreshes the TTL of a counter in use anyway): a flush's state can be older than writes committed since
-- (a set, a Strong increment) whose snapshot expired meanwhile, and with none cached there is no version
-- to compare with; the next read loads MySQL instead. A deleted user's tombstone (same slot) refuses every
-- install: a late flush or read may not bring the user back.
local function install_snapshot(snapshot_key, tombstone_key, counter, version, applied_seq, ttl_ms, refresh_only)
  if redis.call('EXISTS', tombstone_key) == 1 then
    return
  end
  local current = redis.call('HGET', snapshot_key, 'ver')
  if not current and refresh_only then
    return
  end
  if not current or tonumber(current) < tonumber(version) then
    redis.call('HSET', snapshot_key, 'v', counter, 'ver', version, 'aseq', applied_seq)
    if not (current and refresh_only) then
      redis.call('PEXPIRE', snapshot_key, ttl_ms)
    end
  end
end
