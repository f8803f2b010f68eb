-- One wrk load: every request goes to METHOD PATH, where "{id}" in PATH is a user id drawn uniformly
-- from FIRST..LAST (FIRST = LAST for a hot user). The summary is one machine-readable line.
--   wrk -t2 -c32 -d20s -s bench/wrk/load.lua http://127.0.0.1:8080 -- PUT /api/v1/users/{id}/increment 1 1000

local method, path, first, last
local thread_seed = 0

function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end

function init(args)
  method, path = args[1], args[2]
  first, last = tonumber(args[3] or 0), tonumber(args[4] or 0)
  if not method or not path then
    error("usage: -- METHOD PATH [FIRST_ID LAST_ID]")
  end
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  local target = path
  if first > 0 then
    target = string.gsub(path, "{id}", tostring(math.random(first, last)))
  end
  return wrk.format(method, target)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
