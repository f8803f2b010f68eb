# shellcheck shell=bash
# The raw references at the same concurrency: Redis INCR (redis-benchmark) and MariaDB UPDATE (JDBC).

redis_incr_reference() {
  local key="bench-${RUN_ID}-raw:incr" warmup_n rps n csv
  on_exit "redis del '$key'"
  warmup_n=$((WARMUP_S * 20000))
  log "redis-benchmark INCR: warm-up of $warmup_n, then about ${DURATION_S}s ($CONNECTIONS clients)"
  # INCR on a key of our own prefix: the same command as -t incr, without writing outside the prefix
  rps=$(redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c "$CONNECTIONS" -n "$warmup_n" --csv INCR "$key" \
    | awk -F'","' 'NR == 2 { print int($2) }')
  [ "${rps:-0}" -gt 0 ] || die "redis-benchmark reported no throughput"
  n=$((rps * DURATION_S))
  cpu_begin "redis-benchmark INCR" ""
  csv=$(redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c "$CONNECTIONS" -n "$n" --csv INCR "$key" | sed -n 2p)
  [ -n "$csv" ] || die "redis-benchmark printed no result"
  cpu_end "redis-benchmark INCR" "$n"
  # columns: test, rps, avg, min, p50, p95, p99, max (ms)
  record_result "redis-benchmark INCR" "$(awk -F'","' -v n="$n" '{
      printf "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d\n", n, n / $2 * 1e6, $5 * 1000, $7 * 1000
    }' <<<"$csv")" "redis-benchmark -c $CONNECTIONS INCR"
}

# Runs bench/jdbc/RawMariaDbLoad and prints its RESULT line; MariaDB's CPU time is sampled from its READY
# (table made, warm-up done) to its end, so it covers the timed part alone.
raw_mariadb() { # scenario name, mode, arguments...
  local name=$1 ready line='' out in
  [ -f "$WORK/classes/RawMariaDbLoad.class" ] || javac -d "$WORK/classes" bench/jdbc/RawMariaDbLoad.java
  coproc RAW { java -cp "$WORK/classes:$JDBC_DRIVER" RawMariaDbLoad "$2" "$(jdbc_url "$RAW_DB")" "$MYSQL_USER" \
    "$MYSQL_PASSWORD" "${@:3}"; }
  # bash drops RAW once the process ends: read and write through copies of its pipes
  local pid=$RAW_PID
  exec {out}<&"${RAW[0]}" {in}>&"${RAW[1]}"
  read -r ready <&"$out" || true
  [ "$ready" = READY ] || die "$name: RawMariaDbLoad stopped before its timed part"
  cpu_begin "$name" ""
  echo go >&"$in"
  while read -r line <&"$out"; do [[ "$line" == RESULT\ * ]] && break; done
  exec {out}<&- {in}>&-
  # no wait: once the pipe closed, the process is done, and a wait for a reaped pid upsets bash's job table
  [[ "$line" == RESULT\ * ]] || die "$name: RawMariaDbLoad failed (pid $pid)"
  # per row for the upsert, one statement of ROWS rows
  if [ "$2" = upsert ]; then cpu_end "$name" "$3"; else cpu_end "$name" "$(requests_of "$line")"; fi
  echo "$line"
}

mariadb_update_reference() { # name, rows
  local line
  log "$1: ${WARMUP_S}s warm-up, ${DURATION_S}s timed ($CONNECTIONS connections, $2 rows)"
  line=$(raw_mariadb "$1" updates "$CONNECTIONS" "$2" "$WARMUP_S" "$DURATION_S")
  record_result "$1" "$line" "autocommit UPDATE counter = counter + 1, $2 rows"
}
