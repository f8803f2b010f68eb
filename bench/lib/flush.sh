# shellcheck shell=bash
# Flush: FLUSH_COUNTERS users inserted by SQL, each incremented once through the Eventual app (whose
# sync interval is too long to flush by itself), then one timed POST /api/v1/sync, then the raw
# multi-row upsert of as many rows on the same MariaDB; FLUSH_ROUNDS such pairs, alternating, and the
# ratio is the median of the rounds' (one run on a shared machine gave 3.89 and the next 6.50). Then
# FLUSH_LARGE_FACTOR times as many counters flushed once, against that many flushes of FLUSH_COUNTERS.
# An untimed sync first clears what the increment scenarios left pending, so each timed one flushes
# exactly the counters filled for it.

FLUSH_ROUNDS=3
FLUSH_LARGE_FACTOR=10

# Inserts COUNT users named PREFIX-N by SQL and prints "first_id last_id".
insert_flush_users() { # app, username prefix, count
  local db=${APP_DB[$1]} first last
  sql "$db" "INSERT INTO users (username, counter, version, applied_seq, created_at, updated_at)
             SELECT CONCAT('$2-', seq), 0, 1, 0, NOW(3), NOW(3) FROM seq_1_to_$3"
  read -r first last <<<"$(sql "$db" "SELECT MIN(id), MAX(id) FROM users WHERE username LIKE '$2-%'")"
  [ $((last - first + 1)) -eq "$3" ] || die "flush: the inserted user ids $first..$last are not contiguous"
  echo "$first $last"
}

# Increments every user of first..last once through the app (wrk, bench/wrk/each-once.lua), then
# interrupts wrk once each of its threads has every answer of its share.
fill_pending_counters() { # app, first id, last id
  local count=$(($3 - $2 + 1)) dir pid line
  log "flush: incrementing users $2..$3 once each through the app"
  dir=$(mktemp -d "$WORK/fill.XXXX") # fresh: a thread-N left by an earlier fill would stop this one at once
  start_background "$dir/wrk.out" wrk -t"$LOAD_THREADS" -c"$CONNECTIONS" -d3600s --timeout 10s \
    -s bench/wrk/each-once.lua "${APP_URL[$1]}" -- PUT "/api/v1/users/{id}/increment" "$2" "$3" "$LOAD_THREADS" "$dir"
  pid=$STARTED_PID
  while kill -0 "$pid" 2>/dev/null && [ "$(find "$dir" -name 'thread-*' | wc -l)" -lt "$LOAD_THREADS" ]; do
    sleep 0.2
  done
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  stop_pid "$pid" # had SIGINT come before wrk set its handler, it would be ignored (a background job)
  line=$(grep '^FILL ' "$dir/wrk.out" || true)
  [[ "$line" == "FILL answered=$count status_errors=0 socket_errors=0 "* ]] \
    || die "flush: the increments of $count users answered: ${line:-nothing} ($(tail -n 3 "$dir/wrk.out" | xargs))"
}

# One timed POST /api/v1/sync; checks it flushed COUNT users and that MySQL holds EXPECTED over the prefix.
# A sync that answers an error (a Redis or MySQL command timing out on a busy machine) is a measurement, not
# a broken script: its row is recorded as "(failed)", which no ratio reads, and an untimed sync finishes it.
timed_flush() { # app, result name, count, username prefix, expected sum
  local url=${APP_URL[$1]} reply seconds flushed total
  cpu_begin "$2" "$1"
  reply=$(curl --no-progress-meter -X POST -w '\n%{time_total}' "$url/api/v1/sync")
  cpu_end "$2" "$3"
  seconds=$(tail -n 1 <<<"$reply")
  flushed=$(head -n 1 <<<"$reply" | jq -r '.data.users // empty')
  local name=$2 note="$3 pending counters"
  if [ -z "$flushed" ]; then
    note="$note; answered $(head -n 1 <<<"$reply" | jq -r '.error // "no JSON"') after ${seconds}s with $(sql "${APP_DB[$1]}" \
      "SELECT SUM(counter) FROM users WHERE username LIKE '$4-%'") of $5 in MySQL, not counted"
    log "flush: $2 failed ($note); an untimed sync finishes it"
    name="$2 (failed)"
    curl --no-progress-meter -f -o /dev/null -X POST "$url/api/v1/sync" || die "flush: the untimed sync after $2 failed too"
    awk -F'\t' -v OFS='\t' -v from="$2" -v to="$name" '$1 == from { $1 = to } { print }' "$CPU_TSV" >"$CPU_TSV.new"
    mv "$CPU_TSV.new" "$CPU_TSV"
    flushed=$3
  fi
  total=$(sql "${APP_DB[$1]}" "SELECT SUM(counter) FROM users WHERE username LIKE '$4-%'")
  if [ "$flushed" != "$3" ] || [ "$total" != "$5" ]; then
    die "flush: the sync reported $flushed users and MySQL holds $total, expected $3 and $5: $reply"
  fi
  record_result "$name" \
    "$(awk -v s="$seconds" 'BEGIN { printf "RESULT requests=1 duration_us=%d p50_us=%d p99_us=%d\n", s*1e6, s*1e6, s*1e6 }')" \
    "$note"
  echo "$seconds"
}

flush_scenario() { # app
  local url=${APP_URL[$1]} ids first last round seconds line
  curl --no-progress-meter -f -o /dev/null -X POST "$url/api/v1/sync"
  ids=$(insert_flush_users "$1" flush "$FLUSH_COUNTERS"); read -r first last <<<"$ids"
  record_value "flush counters" "$FLUSH_COUNTERS" ""
  for round in $(seq "$FLUSH_ROUNDS"); do
    fill_pending_counters "$1" "$first" "$last"
    log "flush: round $round of $FLUSH_ROUNDS, timing one POST /api/v1/sync of $FLUSH_COUNTERS pending counters"
    seconds=$(timed_flush "$1" "flush (POST /api/v1/sync), round $round" "$FLUSH_COUNTERS" flush \
      $((round * FLUSH_COUNTERS)))
    record_value "flush seconds, round $round" "$seconds" s
    log "flush: round $round of $FLUSH_ROUNDS, timing one raw multi-row upsert of $FLUSH_COUNTERS rows"
    line=$(raw_mariadb "raw multi-row upsert, round $round" upsert "$FLUSH_COUNTERS")
    record_result "raw multi-row upsert, round $round" "$line" "one INSERT ... ON DUPLICATE KEY UPDATE of $FLUSH_COUNTERS rows"
  done
  local large=$((FLUSH_COUNTERS * FLUSH_LARGE_FACTOR))
  ids=$(insert_flush_users "$1" flushlarge "$large"); read -r first last <<<"$ids"
  fill_pending_counters "$1" "$first" "$last"
  log "flush: timing one POST /api/v1/sync of $large pending counters"
  record_value "flush counters, large" "$large" ""
  timed_flush "$1" "flush (POST /api/v1/sync), $large counters" "$large" flushlarge "$large" >/dev/null
}
