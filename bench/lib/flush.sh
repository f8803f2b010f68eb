# shellcheck shell=bash
# Flush: FLUSH_COUNTERS users inserted by SQL, each incremented once through the Eventual app (whose
# sync interval is too long to flush by itself), then one timed POST /api/v1/sync, then the raw
# multi-row upsert of as many rows on the same MariaDB. An untimed sync first clears what the
# increment scenarios left pending, so the timed one flushes exactly FLUSH_COUNTERS counters.

fill_pending_counters() { # app
  local db=${APP_DB[$1]} url=${APP_URL[$1]} first last answers
  sql "$db" "INSERT INTO users (username, counter, version, applied_seq, created_at, updated_at)
             SELECT CONCAT('flush-', seq), 0, 1, 0, NOW(3), NOW(3) FROM seq_1_to_$FLUSH_COUNTERS"
  local range
  range=$(sql "$db" "SELECT MIN(id), MAX(id) FROM users WHERE username LIKE 'flush-%'"); read -r first last <<<"$range"
  [ $((last - first + 1)) -eq "$FLUSH_COUNTERS" ] || die "flush: the inserted user ids $first..$last are not contiguous"
  log "flush: incrementing users $first..$last once each through the app"
  answers=$(curl --no-progress-meter --parallel --parallel-max "$CONNECTIONS" -X PUT -o /dev/null \
    -w '%{http_code}\n' "$url/api/v1/users/[$first-$last]/increment" | sort | uniq -c | tr -s ' ' | xargs)
  [ "$answers" = "$FLUSH_COUNTERS 200" ] || die "flush: the increments answered (count, status): $answers"
}

flush_scenario() { # app
  local db=${APP_DB[$1]} url=${APP_URL[$1]} reply seconds flushed total
  curl --no-progress-meter -f -o /dev/null -X POST "$url/api/v1/sync"
  fill_pending_counters "$1"
  log "flush: timing one POST /api/v1/sync of $FLUSH_COUNTERS pending counters"
  reply=$(curl --no-progress-meter -X POST -w '\n%{time_total}' "$url/api/v1/sync")
  seconds=$(tail -n 1 <<<"$reply")
  flushed=$(head -n 1 <<<"$reply" | jq -r .data.users)
  total=$(sql "$db" "SELECT SUM(counter) FROM users WHERE username LIKE 'flush-%'")
  if [ "$flushed" != "$FLUSH_COUNTERS" ] || [ "$total" != "$FLUSH_COUNTERS" ]; then
    die "flush: the sync reported $flushed users and MySQL holds $total, expected $FLUSH_COUNTERS: $reply"
  fi
  record_value "flush counters" "$FLUSH_COUNTERS" ""
  record_result "flush (POST /api/v1/sync)" \
    "$(awk -v s="$seconds" '{ printf "RESULT requests=1 duration_us=%d p50_us=%d p99_us=%d\n", s*1e6, s*1e6, s*1e6 }' <<<x)" \
    "$FLUSH_COUNTERS pending counters"
  log "flush: timing one raw multi-row upsert of $FLUSH_COUNTERS rows"
  local line
  line=$(raw_mariadb upsert "$FLUSH_COUNTERS")
  record_result "raw multi-row upsert" "$line" "one INSERT ... ON DUPLICATE KEY UPDATE of $FLUSH_COUNTERS rows"
}
