#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/..
# The benchmarks (`make bench`): every scenario warms up, then runs timed, and the ratios
# are measured side by side in this one run. The table goes to stdout and to bench/RESULTS.md.
#   bench/run.sh                            full run (about 12 minutes)
#   bench/run.sh --smoke                    every scenario for about a second, tiny sizes; fails only on broken scripts
#   bench/run.sh --compare-ref REF          REF's counter-app jar (side a) against the current one (side b)
#   bench/run.sh --compare-env VAR=VALUE    the current jar (side a) against itself with VAR=VALUE (side b; repeatable)
# A comparison runs only the no-op floor and the four increment scenarios, in alternating rounds
# (bench/lib/compare.sh); --smoke shortens it as it shortens the main run.
# Uses its own databases and Redis key prefix on the shared 127.0.0.1 stores and removes them on exit;
# every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/java25.sh

# `shellcheck -x bench/run.sh` checks these with the script (paths from the repository root)
source bench/lib/processes.sh
source bench/lib/stores.sh
source bench/lib/cpu.sh
source bench/lib/counter-app.sh
source bench/lib/http-load.sh
source bench/lib/app-scenarios.sh
source bench/lib/references.sh
source bench/lib/flush.sh
source bench/lib/operator-scale.sh
source bench/lib/operator-memory.sh
source bench/lib/results.sh
source bench/lib/compare.sh

usage="usage: bench/run.sh [--smoke] [--compare-ref REF | --compare-env VAR=VALUE ...]"
MODE=full COMPARE='' COMPARE_REF='' COMPARE_ENV=()
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) MODE=smoke ;;
    --compare-ref)
      if [ $# -lt 2 ] || [ "${COMPARE:-ref}" != ref ]; then die "$usage"; fi
      COMPARE=ref COMPARE_REF=$2; shift ;;
    --compare-env)
      if [ $# -lt 2 ] || [ "${COMPARE:-env}" != env ]; then die "$usage"; fi
      [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "--compare-env takes VAR=VALUE, not '$2'"
      COMPARE="env" COMPARE_ENV+=("$2"); shift ;;
    *) die "$usage" ;;
  esac
  shift
done
if [ -n "$COMPARE" ]; then
  if ! [[ "$COMPARE_ROUNDS" =~ ^[0-9]+$ ]] || [ "$COMPARE_ROUNDS" -lt 2 ] || [ $((COMPARE_ROUNDS % 2)) -ne 0 ]; then
    die "BENCH_COMPARE_ROUNDS must be an even number of at least 2 (so that a b and b a pair up), not '$COMPARE_ROUNDS'"
  fi
fi

if [ "$MODE" = full ]; then
  WARMUP_S=10 DURATION_S=20 USERS=1000 FLUSH_COUNTERS=100000 SCALE_WARMUP=20 SCALE_SMALL=100 SCALE_LARGE=500
  UNRELATED_SECRETS=5000 MEMORY_USERCOUNTERS=50 MEMORY_SETTLE_S=5
else
  WARMUP_S=1 DURATION_S=1 USERS=50 FLUSH_COUNTERS=300 SCALE_WARMUP=0 SCALE_SMALL=5 SCALE_LARGE=10
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
prepare_app_jar() {
  APP_JAR=counter-app/target/counter-app-0.1.0-SNAPSHOT.jar
  if [ ! -f "$APP_JAR" ]; then
    log "building the counter-app jar"
    ${MVN:-mvn -B} -q -DskipTests -pl counter-app -am package
  fi
  cp "$APP_JAR" "$WORK/counter-app.jar"
  APP_JAR=$WORK/counter-app.jar
}

prepare_jars() {
  local operator=operator/target/operator-0.1.0-SNAPSHOT.jar
  local apiserver=local-apiserver/target/local-apiserver-0.1.0-SNAPSHOT.jar
  if [ ! -f "$operator" ] || [ ! -f "$apiserver" ]; then
    log "building the counter-app, operator and local-apiserver jars"
    ${MVN:-mvn -B} -q -DskipTests -pl counter-app,operator,local-apiserver -am package
  fi
  prepare_app_jar
  cp "$operator" "$WORK/operator.jar"
  cp "$apiserver" "$WORK/local-apiserver.jar"
  (cd "$WORK" && unzip -q -o -j counter-app.jar 'BOOT-INF/lib/mysql-connector-j-*.jar')
  JDBC_DRIVER=$(ls "$WORK"/mysql-connector-j-*.jar)
}

current_commit() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- counter-app operator 2>/dev/null || commit="$commit (with uncommitted changes)"
  echo "$commit"
}

machine_line() {
  local cpu memory
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  memory=$(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }')
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($cpu), $memory memory, commit $(current_commit)"
}

# The run's id, work directory and exit trap, shared by the main run and the comparisons.
start_run() {
  RUN_ID=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
  WORK=$(mktemp -d "/tmp/uc-bench.$RUN_ID.XXXX")
  RESULTS_TSV=$WORK/results.tsv VALUES_TSV=$WORK/values.tsv CPU_TSV=$WORK/cpu.tsv
  : >"$RESULTS_TSV"; : >"$VALUES_TSV"; : >"$CPU_TSV"
  install_exit_trap
  # a failed run keeps its logs
  on_exit "if [ \$BENCH_STATUS -eq 0 ]; then rm -rf '$WORK'; else echo 'bench: logs kept in $WORK' >&2; fi"
}

main() {
  local started=$SECONDS load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)

  prepare_tools
  check_stores
  find_store_pids
  prepare_jars
  RAW_DB="uc_bench_raw_${RUN_ID}"
  fresh_database "$RAW_DB"

  log "starting an Eventual and a Strong counter-app ($MODE run, work directory $WORK)"
  # nothing flushes by itself during the run: the flush scenario measures that work on its own
  start_counter_app eventual eventual 24h
  start_counter_app strong strong 30s
  wait_counter_app eventual
  wait_counter_app strong

  prepare_app_pair eventual strong
  app_scenarios eventual strong with-reads
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
references run at the same concurrency. CPU µs/request: utime + stime of each process over the timed part
÷ its requests (for a flush or the raw upsert, ÷ its rows); Redis and MariaDB are shared, so other clients' work in those
seconds counts too. Total time $((SECONDS - started))s.

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

start_run
if [ -n "$COMPARE" ]; then compare_main; else main; fi
