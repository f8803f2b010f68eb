#!/usr/bin/env bash
# The benchmarks (`make bench`): every scenario warms up, then runs timed, and the ratios
# are measured side by side in this one run. The table goes to stdout and to bench/RESULTS.md.
#   bench/run.sh           full run (about 8 minutes)
#   bench/run.sh --smoke   every scenario for about a second, tiny sizes; fails only on broken scripts
# Uses its own databases and Redis key prefix on the shared 127.0.0.1 stores and removes them on exit;
# every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

for lib in processes stores counter-app http-load references flush operator-scale operator-memory results; do
  # shellcheck source=/dev/null
  source "bench/lib/$lib.sh"
done

case "${1:-}" in
  "") MODE=full ;;
  --smoke) MODE=smoke ;;
  *) die "usage: bench/run.sh [--smoke]" ;;
esac

if [ "$MODE" = full ]; then
  WARMUP_S=10 DURATION_S=20 USERS=1000 FLUSH_COUNTERS=100000 SCALE_WARMUP=20 SCALE_SMALL=100 SCALE_LARGE=500
  UNRELATED_SECRETS=5000 MEMORY_USERCOUNTERS=50 MEMORY_SETTLE_S=5
else
  WARMUP_S=1 DURATION_S=1 USERS=50 FLUSH_COUNTERS=1000 SCALE_WARMUP=0 SCALE_SMALL=5 SCALE_LARGE=10
  UNRELATED_SECRETS=50 MEMORY_USERCOUNTERS=3 MEMORY_SETTLE_S=0
fi
# Smoke: C1 only, so the JVMs start faster; the numbers of a smoke run mean nothing anyway.
[ "$MODE" = smoke ] && BENCH_APP_JAVA_OPTS=${BENCH_APP_JAVA_OPTS:--XX:TieredStopAtLevel=1}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=false
apt_install() { # Debian package
  log "installing $1"
  if [ "$apt_updated" = false ]; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}
need() { command -v "$1" >/dev/null || apt_install "$2"; } # command, Debian package

prepare_tools() {
  need wrk wrk
  need redis-benchmark redis-tools
  need mariadb mariadb-client
  need jq jq
  need curl curl
  need unzip unzip
  need python3 python3
  # the operator scenario reads the CRD's YAML
  PYTHON=python3
  if ! python3 -c 'import yaml' 2>/dev/null; then
    PYTHON=/usr/bin/python3
    $PYTHON -c 'import yaml' 2>/dev/null || apt_install python3-yaml
  fi
}

# Copies the jars, so that a rebuild while the benchmark runs cannot pull classes from under it.
prepare_jars() {
  APP_JAR=counter-app/target/counter-app-0.1.0-SNAPSHOT.jar
  local operator=operator/target/operator-0.1.0-SNAPSHOT.jar
  local apiserver=local-apiserver/target/local-apiserver-0.1.0-SNAPSHOT.jar
  if [ ! -f "$APP_JAR" ] || [ ! -f "$operator" ] || [ ! -f "$apiserver" ]; then
    log "building the counter-app, operator and local-apiserver jars"
    ${MVN:-mvn -B} -q -DskipTests -pl counter-app,operator,local-apiserver -am package
  fi
  cp "$APP_JAR" "$WORK/counter-app.jar"
  cp "$operator" "$WORK/operator.jar"
  cp "$apiserver" "$WORK/local-apiserver.jar"
  APP_JAR=$WORK/counter-app.jar
  (cd "$WORK" && unzip -q -o -j counter-app.jar 'BOOT-INF/lib/mysql-connector-j-*.jar')
  JDBC_DRIVER=$(ls "$WORK"/mysql-connector-j-*.jar)
}

machine_line() {
  local cpu memory commit
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  memory=$(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }')
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- counter-app operator 2>/dev/null || commit="$commit (with uncommitted changes)"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($cpu), $memory memory, commit $commit"
}

main() {
  RUN_ID=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
  WORK=$(mktemp -d "/tmp/uc-bench.$RUN_ID.XXXX")
  RESULTS_TSV=$WORK/results.tsv VALUES_TSV=$WORK/values.tsv
  : >"$RESULTS_TSV"; : >"$VALUES_TSV"
  install_exit_trap
  # a failed run keeps its logs
  on_exit "if [ \$BENCH_STATUS -eq 0 ]; then rm -rf '$WORK'; else echo 'bench: logs kept in $WORK' >&2; fi"
  local started=$SECONDS load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)

  prepare_tools
  check_stores
  prepare_jars
  RAW_DB="uc_bench_raw_${RUN_ID}"
  fresh_database "$RAW_DB"

  log "starting an Eventual and a Strong counter-app ($MODE run, work directory $WORK)"
  # nothing flushes by itself during the run: the flush scenario measures that work on its own
  start_counter_app eventual eventual 24h
  start_counter_app strong strong 30s
  wait_counter_app eventual
  wait_counter_app strong

  local ids e_first e_last s_first s_last floor
  ids=$(create_users eventual "$USERS"); read -r e_first e_last <<<"$ids"
  ids=$(create_users strong "$USERS"); read -r s_first s_last <<<"$ids"
  floor=$(floor_path eventual)
  local floor_note="GET $floor"
  [ "$floor" = /api/v1/noop ] || floor_note="GET $floor (the app has no /api/v1/noop yet)"

  jit_warmup eventual "GET:$floor:0:0" "GET:/api/v1/users/{id}/count:$e_first:$e_last" \
    "PUT:/api/v1/users/{id}/increment:$e_first:$e_last" "PUT:/api/v1/users/{id}/increment:$e_first:$e_first"
  jit_warmup strong "PUT:/api/v1/users/{id}/increment:$s_first:$s_last" "PUT:/api/v1/users/{id}/increment:$s_first:$s_first"

  http_scenario "no-op floor" eventual GET "$floor" 0 0 "$floor_note"
  http_scenario "reads, many users" eventual GET "/api/v1/users/{id}/count" "$e_first" "$e_last" "$USERS users, cache hits"
  http_scenario "Eventual increment, many users" eventual PUT "/api/v1/users/{id}/increment" "$e_first" "$e_last" "$USERS users"
  http_scenario "Eventual increment, hot user" eventual PUT "/api/v1/users/{id}/increment" "$e_first" "$e_first" "user $e_first"
  http_scenario "Strong increment, many users" strong PUT "/api/v1/users/{id}/increment" "$s_first" "$s_last" "$USERS users"
  http_scenario "Strong increment, hot user" strong PUT "/api/v1/users/{id}/increment" "$s_first" "$s_first" "user $s_first"
  stop_counter_app strong

  redis_incr_reference
  mariadb_update_reference "raw MariaDB UPDATE, many rows" "$USERS"
  mariadb_update_reference "raw MariaDB UPDATE, hot row" 1

  flush_scenario eventual
  stop_counter_app eventual

  operator_scale_scenario
  operator_memory_scenario

  local report
  report=$(cat <<EOF
## $([ "$MODE" = full ] && echo "Run" || echo "Smoke run") of $(machine_line)

Load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg). Every HTTP
scenario: wrk, $CONNECTIONS connections, $LOAD_THREADS threads, ${WARMUP_S}s warm-up, ${DURATION_S}s timed; the
references run at the same concurrency. Total time $((SECONDS - started))s.

$(ratio_table)

$(scenario_table)
EOF
)
  printf '\n%s\n' "$report"
  if [ "$MODE" = full ]; then
    write_results_md bench/RESULTS.md "$report"
    log "table written to bench/RESULTS.md"
  fi
}

main
