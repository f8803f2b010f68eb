# shellcheck shell=bash
# Counter-app instances for the benchmark: each with its own database and Redis key prefix (docs/architecture.md, the app's environment).

declare -A APP_URL APP_PID APP_LOG APP_DB APP_MODE APP_JARS APP_ENV APP_JAVA

# Starts an instance in the background; wait_counter_app blocks until it is ready. The jar defaults to
# $APP_JAR; the VAR=VALUE arguments are added to the app's environment (a comparison's second side).
start_counter_app() { # name, consistency, sync interval, [jar, [VAR=VALUE...]]
  local name=$1 consistency=$2 interval=$3 jar=${4:-$APP_JAR}
  local port db prefix
  APP_MODE[$name]="$consistency $interval"
  APP_JARS[$name]=$jar
  APP_JAVA[$name]=${BENCH_JAVA:-java}
  APP_ENV[$name]=$(printf '%s\n' "${@:5}")
  port=$(free_port)
  db="uc_bench_${name}_${RUN_ID}"
  prefix="bench-${RUN_ID}-${name}"
  fresh_database "$db"
  on_exit "delete_redis_keys '$prefix'"
  APP_DB[$name]=$db
  APP_URL[$name]="http://127.0.0.1:$port"
  APP_LOG[$name]="$WORK/app-$name.log"
  # shellcheck disable=SC2086 # BENCH_APP_JAVA_OPTS holds several options
  start_background "${APP_LOG[$name]}" env \
    COUNTER_CONSISTENCY="$consistency" COUNTER_SYNC_INTERVAL="$interval" COUNTER_KEY_PREFIX="$prefix" \
    COUNTER_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT" \
    SPRING_DATASOURCE_URL="$(jdbc_url "$db")" SPRING_DATASOURCE_USERNAME="$MYSQL_USER" \
    SPRING_DATASOURCE_PASSWORD="$MYSQL_PASSWORD" SPRING_JOOQ_SQL_DIALECT=MARIADB \
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" "${@:5}" \
    "${APP_JAVA[$name]}" ${BENCH_APP_JAVA_OPTS:-} -jar "$jar"
  APP_PID[$name]=$STARTED_PID
}

# On a busy machine the app can miss MySQL's 2s connect timeout at start-up (it then stops, by
# design): that is a timing, so it is started again, twice at most, before the run gives up.
wait_counter_app() { # name
  local attempt status extra_env
  for attempt in 1 2 3; do
    status=0
    http_ok_within "${APP_URL[$1]}/actuator/health/readiness" "${APP_PID[$1]}" 180 || status=$?
    if [ "$status" -eq 0 ]; then
      log "counter-app '$1' ready at ${APP_URL[$1]} (database ${APP_DB[$1]})"
      return 0
    fi
    if [ "$status" -ne 1 ] || [ "$attempt" -ge 3 ]; then break; fi
    log "counter-app '$1' stopped during start-up: $(grep -m1 -oE '(Caused by|APPLICATION FAILED|[A-Z_]+ (is|must)).{0,100}' "${APP_LOG[$1]}" || true); starting it again"
    mapfile -t extra_env < <(printf '%s' "${APP_ENV[$1]}")
    # shellcheck disable=SC2086
    BENCH_JAVA=${APP_JAVA[$1]} start_counter_app "$1" ${APP_MODE[$1]} "${APP_JARS[$1]}" "${extra_env[@]}"
  done
  tail -n 30 "${APP_LOG[$1]}" >&2
  die "counter-app '$1' did not become ready (log: ${APP_LOG[$1]})"
}

stop_counter_app() { # name
  stop_pid "${APP_PID[$1]}"
}

# Registers users through the API (POST /api/v1/users) and prints "first_id last_id".
create_users() { # name, count
  local url=${APP_URL[$1]} count=$2
  python3 - "$url" "$count" "$RUN_ID" <<'PY'
import http.client, json, sys, urllib.parse
url, count, run = urllib.parse.urlsplit(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
ids = []
for n in range(count):
    body = json.dumps({"username": f"bench-{run}-{n}"})
    conn.request("POST", "/api/v1/users", body, {"Content-Type": "application/json"})
    reply = conn.getresponse()
    payload = reply.read()
    if reply.status != 201:
        sys.exit(f"POST /api/v1/users answered {reply.status}: {payload[:200]!r}")
    ids.append(json.loads(payload)["data"]["id"])
if ids != list(range(ids[0], ids[0] + count)):
    sys.exit("user ids are not contiguous; the load scripts pick ids from a range")
print(ids[0], ids[-1])
PY
}

# The HTTP floor: the no-op endpoint; until an app has one, the liveness probe (no store touched).
floor_path() { # name
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "${APP_URL[$1]}/api/v1/noop")" = 200 ]; then
    echo /api/v1/noop
  else
    echo /actuator/health/liveness
  fi
}
