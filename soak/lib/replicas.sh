# shellcheck shell=bash
# The two counter-app replicas of a phase: same database, same Redis, same key prefix, own ports.
# Sourced by soak/run.sh.

declare -A APP_PORT APP_PID APP_LOG

# JIT C1 only and a small heap: the soak is about correctness, and the machine is shared.
APP_JAVA_OPTS=${SOAK_APP_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m}

replica_start() { # name (a | b)
  local name=$1
  [ -n "${APP_PORT[$name]:-}" ] || APP_PORT[$name]=$(free_port)
  APP_LOG[$name]=$PHASE_DIR/replica-$name.log
  # shellcheck disable=SC2086
  start_background "${APP_LOG[$name]}" env \
    COUNTER_CONSISTENCY="$CONSISTENCY" COUNTER_SYNC_INTERVAL="${SYNC_INTERVAL_MS}ms" \
    COUNTER_KEY_PREFIX="$KEY_PREFIX" COUNTER_REDIS_MODE="$TOPOLOGY" COUNTER_REDIS_URL="$REDIS_URL" \
    SPRING_DATASOURCE_URL="$(jdbc_url "$DATABASE")" SPRING_DATASOURCE_USERNAME=soak SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    SPRING_JOOQ_SQL_DIALECT=MARIADB SERVER_ADDRESS=127.0.0.1 SERVER_PORT="${APP_PORT[$name]}" \
    java $APP_JAVA_OPTS -jar "$APP_JAR"
  APP_PID[$name]=$STARTED_PID
}

replica_url() { echo "http://127.0.0.1:${APP_PORT[$1]}"; }

replica_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$(replica_url "$1")/actuator/health/readiness")" = 200 ]; }

# Waits until the replica is ready. Returns 2 when it exited because it rejected a Redis setting (the jar
# under test does not support this topology), and dies on any other failure. On a busy machine the app can
# miss MySQL's connect timeout at start-up and stop, by design: that is a timing, so, as a kubelet would, it
# is started again, twice at most.
replica_wait() { # name
  local name=$1 deadline=$((SECONDS + 240)) restarts=0
  while [ "$SECONDS" -lt "$deadline" ]; do
    replica_ready "$name" && return 0
    if ! kill -0 "${APP_PID[$name]}" 2>/dev/null; then
      if grep -q 'COUNTER_REDIS_' "${APP_LOG[$name]}"; then return 2; fi
      if [ "$restarts" -lt 2 ]; then
        wait "${APP_PID[$name]}" 2>/dev/null || true
        restarts=$((restarts + 1))
        log "replica $name stopped during start-up ($(grep -m1 -oE 'Caused by: [^:]*: .{0,80}' "${APP_LOG[$name]}" || echo 'see its log')); starting it again"
        replica_start "$name"
        continue
      fi
      tail -n 30 "${APP_LOG[$name]}" >&2
      die "replica $name exited during start-up, three times (log: ${APP_LOG[$name]})"
    fi
    sleep 0.5
  done
  tail -n 30 "${APP_LOG[$name]}" >&2
  die "replica $name was not ready within 240s (log: ${APP_LOG[$name]})"
}

# Like a kubelet: waits until the replica is ready, starting it again whenever its process has exited
# (a replica started while MariaDB is down stops, because its migrations cannot run).
replica_supervise() { # name, seconds
  local name=$1 deadline=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$deadline" ]; do
    replica_ready "$name" && return 0
    if ! kill -0 "${APP_PID[$name]}" 2>/dev/null; then
      wait "${APP_PID[$name]}" 2>/dev/null || true
      log "replica $name exited; starting it again"
      replica_start "$name"
    fi
    sleep 0.5
  done
  tail -n 30 "${APP_LOG[$name]}" >&2
  die "replica $name was not ready within $2s (log: ${APP_LOG[$name]})"
}

# counter_flush_lag_seconds: time since the replica's last flush cycle that finished without error.
flush_lag_below() { # name, seconds
  curl -sf "$(replica_url "$1")/actuator/prometheus" \
    | awk -v max="$2" '$1 == "counter_flush_lag_seconds" { found = 1; ok = ($2 < max) } END { exit !(found && ok) }'
}

# Every ready replica has finished a flush within the loss bound's window (one interval plus the flush's own
# transaction), twice an interval apart: the backlog of a MariaDB outage is in MySQL, so that a Redis fault now
# measures the steady-state loss bound of docs/consistency.md. (The lag of a flusher on time runs up to interval + flush time, so
# "below one interval" alone would fail at random on a busy machine.)
flushers_caught_up() {
  local name seconds
  seconds=$(awk -v ms="$((SYNC_INTERVAL_MS + FLUSH_ALLOWANCE_MS))" 'BEGIN { print ms / 1000 }')
  for name in a b; do replica_ready "$name" || continue; flush_lag_below "$name" "$seconds" || return 1; done
  sleep "$(awk -v ms="$SYNC_INTERVAL_MS" 'BEGIN { print 2 * ms / 1000 }')"
  for name in a b; do replica_ready "$name" || continue; flush_lag_below "$name" "$seconds" || return 1; done
}

replica_crash() { # name: kill -9, then start again on the same port
  kill9_pid "${APP_PID[$1]}"
  record_event replica-kill "replica $1 killed -9"
  replica_start "$1"
}

replicas_down() {
  local name
  for name in a b; do [ -n "${APP_PID[$name]:-}" ] && stop_pid "${APP_PID[$name]}"; done
  APP_PID=(); APP_PORT=(); APP_LOG=()
}
