-- Prototype flush step 3 (not used by the app), once per chunk the flusher committed to MySQL: refreshes
-- the cached snapshots of the chunk's users with the batch (the row now holds it: v + amount, aseq = seq),
-- and with the batch's last chunk unlinks the batch. A snapshot whose aseq is already at or above the seq
-- holds the batch (a read loaded the row after the commit) and is left alone; an uncached one stays
-- uncached. ver is left as it is: the cached state is the row's, only the version field may lag, and a
-- later install with a higher version still replaces it.
local inflight_index_key = KEYS[1]
local snapshot_prefix = ARGV[1]
local inflight_prefix = ARGV[2]
local seq = ARGV[3]
local last_chunk = ARGV[4]        -- 1: unlink the batch after this chunk
local mode = ARGV[5]              -- apply: add the amounts to cached snapshots; drop: unlink those snapshots
local first_user = 6              -- ARGV[6..]: user id, amount, ...
-- Reply: 0 when the batch is no longer in flight (acknowledged before), else 1.
if not redis.call('ZSCORE', inflight_index_key, seq) then
  return 0
end
local n = tonumber(seq)
if mode == 'drop' then
  local keys = {}
  for i = first_user, #ARGV, 2 do keys[#keys + 1] = snapshot_prefix .. ARGV[i] end
  for i = 1, #keys, 500 do
    redis.call('UNLINK', unpack(keys, i, math.min(i + 499, #keys)))
  end
else
  for i = first_user, #ARGV, 2 do
    local key = snapshot_prefix .. ARGV[i]
    local s = redis.call('HMGET', key, 'v', 'aseq')
    if s[1] and tonumber(s[2]) < n then
      redis.call('HSET', key, 'v', string.format('%.0f', tonumber(s[1]) + tonumber(ARGV[i + 1])), 'aseq', seq)
    end
  end
end
if last_chunk == '1' then
  redis.call('UNLINK', inflight_prefix .. seq)
  redis.call('ZREM', inflight_index_key, seq)
end
return 1
