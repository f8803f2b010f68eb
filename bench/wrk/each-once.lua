-- METHOD PATH once for every user id of FIRST..LAST ("{id}" in PATH), split over wrk's THREADS threads:
-- a fill of many counters at wrk's speed, where curl would take minutes.
--   wrk -t2 -c32 -d3600s -s bench/wrk/each-once.lua http://127.0.0.1:8080 -- PUT /api/v1/users/{id}/increment 1 100000 2 DIR
-- A thread whose ids are all sent keeps its connections busy with GET /api/v1/noop until every answer
-- of its own ids is in (wrk always sends the next request on an answered connection); noop answers
-- ("ok") are told apart from those of the ids by their body. Then the thread stops and writes DIR/thread-N:
-- wrk 4.1 itself runs on until its duration, so the caller interrupts it (SIGINT) once every thread wrote. wrk calls request() once on its first
-- thread before the load, to check it, and throws that request away: that call takes no id.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads) -- the global "index" of that thread's own Lua state
end

local method, path, last, step, next_id, share, checked, done_dir, finished
answered = 0 -- a global, so done() can read each thread's count with thread:get

function init(args)
  method, path = args[1], args[2]
  local first = tonumber(args[3])
  last, step, done_dir = tonumber(args[4]), tonumber(args[5]), args[6]
  if not (method and path and first and last and step and done_dir) then
    error("usage: -- METHOD PATH FIRST LAST THREADS DONE_DIR")
  end
  next_id = first + index - 1
  share = next_id > last and 0 or math.floor((last - next_id) / step) + 1
  checked = index ~= 1
  answered = 0
end

function request()
  if next_id > last then
    return wrk.format("GET", "/api/v1/noop")
  end
  local target = string.gsub(path, "{id}", tostring(next_id))
  if checked then
    next_id = next_id + step
  end
  checked = true
  return wrk.format(method, target)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body or "", '"ok"', 1, true) then
    answered = answered + 1
  end
  if answered == share and not finished then
    finished = true
    local marker = io.open(done_dir .. "/thread-" .. index, "w")
    marker:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("answered") or 0)
  end
  io.write(string.format("FILL answered=%d status_errors=%d socket_errors=%d duration_us=%d\n", total,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration))
end
