-- Shared by every script. A counter lives in two hashes of one cluster slot (same hash tag):
--   snapshot {v, ver, aseq}: a committed MySQL state (value, row version, last applied batch seq), with a TTL
--   sync {pending, inflight, bseq, seq}: Eventual deltas not yet in MySQL, never expiring
-- The visible value is v + pending + inflight, where inflight counts only while the snapshot does not
-- contain that batch yet (bseq > aseq).
local function counter_state(snapshot_key, sync_key)
  local s = redis.call('HMGET', snapshot_key, 'v', 'ver', 'aseq')
  local q = redis.call('HMGET', sync_key, 'pending', 'inflight', 'bseq')
  return {s[1] and 1 or 0, tonumber(s[1] or 0), tonumber(s[2] or 0), tonumber(s[3] or 0),
          tonumber(q[1] or 0), tonumber(q[2] or 0), tonumber(q[3] or 0)}
end

-- installs a committed state unless the cache already holds that state or a newer one; with keep_ttl
-- (the flush), a snapshot already cached keeps its TTL: one PEXPIRE less per flushed counter, and an
-- increment refreshes the TTL of a counter in use anyway. A deleted user's tombstone ({tag}:gone:N,
-- same slot) refuses every install: a late flush or read may not bring the user back.
local function install_snapshot(snapshot_key, counter, version, applied_seq, ttl_ms, keep_ttl)
  local tombstone = (string.gsub(snapshot_key, ':db:(%d+)$', ':gone:%1'))
  if redis.call('EXISTS', tombstone) == 1 then
    return
  end
  local current = redis.call('HGET', snapshot_key, 'ver')
  if not current or tonumber(current) < tonumber(version) then
    redis.call('HSET', snapshot_key, 'v', counter, 'ver', version, 'aseq', applied_seq)
    if not (current and keep_ttl) then
      redis.call('PEXPIRE', snapshot_key, ttl_ms)
    end
  end
end
