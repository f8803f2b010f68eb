# shellcheck shell=bash
# Comparisons (bench/run.sh --compare-ref REF, --compare-env VAR=VALUE): side a and side b each run an
# Eventual and a Strong app, and the floor and the four increment scenarios run in rounds that alternate
# the sides (a b, b a, a b, ...) so that a machine drifting during the run weighs on both sides alike.

COMPARE_ROUNDS=${BENCH_COMPARE_ROUNDS:-2}
# A side slower than this, in % of the other side's req/s, is marked as a regression (issue 12).
REGRESSION_PERCENT=10

declare -A SIDE_JAR SIDE_NAME SIDE_THREADS SIDE_JAVA
SIDE_ENV=() # side b's extra environment

# Builds REF's counter-app jar in a temporary git worktree under $WORK; the exit trap removes the worktree.
build_ref_jar() { # ref; prints nothing, sets SIDE_JAR[a]
  local ref=$1 commit src jars
  commit=$(git rev-parse --verify --quiet "$ref^{commit}") || die "--compare-ref: '$ref' is not a commit of this repository"
  src=$WORK/ref-src
  on_exit "git worktree remove --force '$src'; git worktree prune"
  git worktree add --detach --quiet "$src" "$commit"
  log "building the counter-app jar of $ref ($(git rev-parse --short "$commit")) in $src"
  (cd "$src" && ${MVN:-mvn -B} -q -DskipTests -pl counter-app -am package) >"$WORK/ref-build.log" 2>&1 \
    || { tail -n 30 "$WORK/ref-build.log" >&2; die "building $ref failed (log: $WORK/ref-build.log)"; }
  jars=("$src"/counter-app/target/counter-app-*.jar)
  if [ "${#jars[@]}" -ne 1 ] || [ ! -f "${jars[0]}" ]; then die "$ref: expected one counter-app jar, found: ${jars[*]}"; fi
  cp "${jars[0]}" "$WORK/counter-app-ref.jar"
  SIDE_JAR[a]=$WORK/counter-app-ref.jar
}

# Names the sides and picks their jars and environments.
define_sides() {
  local current
  current="current sources, commit $(current_commit)"
  SIDE_JAR[b]=$APP_JAR
  SIDE_JAVA[a]=${BENCH_JAVA:-java} SIDE_JAVA[b]=${BENCH_JAVA:-java}
  if [ "$COMPARE" = ref ]; then
    # REF may be built for an older platform: BENCH_REF_JAVA runs it on that platform's java
    SIDE_JAVA[a]=${BENCH_REF_JAVA:-${SIDE_JAVA[a]}}
    build_ref_jar "$COMPARE_REF"
    SIDE_NAME[a]="$COMPARE_REF, commit $(git rev-parse --short "$COMPARE_REF^{commit}")"
    SIDE_NAME[b]=$current
  else
    SIDE_JAR[a]=$APP_JAR
    SIDE_ENV=("${COMPARE_ENV[@]}")
    SIDE_NAME[a]="$current, environment as in the main run"
    SIDE_NAME[b]="$current, with ${COMPARE_ENV[*]}"
  fi
}

# Spring Boot runs Tomcat on virtual threads only on Java 21 and later: below that the setting is ignored.
java_note() {
  local side version
  for side in a b; do
    version=$("${SIDE_JAVA[$side]}" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
    echo "Side $side's apps on Java $version (\`${SIDE_JAVA[$side]}\`)."
    if [ "$side" = b ] && [[ " ${COMPARE_ENV[*]:-} " == *" SPRING_THREADS_VIRTUAL_ENABLED=true "* ]] && [ "${version%%.*}" -lt 21 ]; then
      echo "**Java $version runs no virtual threads: Spring Boot ignores SPRING_THREADS_VIRTUAL_ENABLED below Java 21, both sides ran platform threads** (set BENCH_JAVA to a Java 21+ \`java\`)."
    fi
  done
}

# Which threads served a side's requests: Tomcat's platform request threads are named http-nio-...-exec-N;
# on virtual threads there are none (a thread dump of jcmd lists platform threads only).
request_threads() { # app, its java
  local jcmd dump exec_threads
  jcmd=$(dirname "$(readlink -f "$(command -v "$2")")")/jcmd
  [ -x "$jcmd" ] || { echo "threads not checked (no jcmd beside $2)"; return; }
  dump=$("$jcmd" "${APP_PID[$1]}" Thread.print 2>&1) || { echo "threads not checked (jcmd failed: ${dump:0:80})"; return; }
  exec_threads=$(grep -c '^"http-nio-.*-exec-' <<<"$dump" || true)
  if [ "$exec_threads" -gt 0 ]; then echo "platform threads ($exec_threads Tomcat exec threads)"; else echo "virtual threads (no Tomcat exec thread)"; fi
}

# Starts both sides' apps, prepares them, then runs the rounds: each side's rows go to compare-<side>-<round>.tsv.
compare_rounds() {
  local side round order extra_env
  log "starting an Eventual and a Strong counter-app per side ($MODE comparison, work directory $WORK)"
  # one side after the other: four JVMs starting at once on a busy machine miss MySQL's connect timeout
  for side in a b; do
    extra_env=()
    [ "$side" = b ] && extra_env=("${SIDE_ENV[@]}")
    # nothing flushes by itself during the run, as in the main run
    BENCH_JAVA=${SIDE_JAVA[$side]} start_counter_app "$side-eventual" eventual 24h "${SIDE_JAR[$side]}" "${extra_env[@]}"
    BENCH_JAVA=${SIDE_JAVA[$side]} start_counter_app "$side-strong" strong 30s "${SIDE_JAR[$side]}" "${extra_env[@]}"
    wait_counter_app "$side-eventual"
    wait_counter_app "$side-strong"
  done
  for side in a b; do prepare_app_pair "$side-eventual" "$side-strong"; done
  for round in $(seq "$COMPARE_ROUNDS"); do
    order="a b"
    [ $((round % 2)) -eq 0 ] && order="b a"
    for side in $order; do
      log "round $round of $COMPARE_ROUNDS, side $side (${SIDE_NAME[$side]})"
      # shellcheck disable=SC2034 # where record_result writes
      RESULTS_TSV=$WORK/compare-$side-$round.tsv
      app_scenarios "$side-eventual" "$side-strong"
    done
  done
  for side in a b; do
    SIDE_THREADS[$side]=$(request_threads "$side-eventual" "${SIDE_JAVA[$side]}")
    stop_counter_app "$side-eventual"
    stop_counter_app "$side-strong"
  done
}

side_values() { # side, scenario, column (4 req/s, 6 p99 ms, 7 note): one line per round, in round order
  local round
  for round in $(seq "$COMPARE_ROUNDS"); do
    awk -F'\t' -v name="$2" -v col="$3" '$1 == name { print $col }' "$WORK/compare-$1-$round.tsv"
  done
}

compare_table() {
  local name a b a_p99 b_p99 a_rounds b_rounds errors
  echo "| scenario | a req/s | b req/s | change | a p99 ms | b p99 ms | req/s per round, a / b | verdict |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  for name in "no-op floor" "Eventual increment, many users" "Eventual increment, hot user" \
    "Strong increment, many users" "Strong increment, hot user"; do
    a=$(side_values a "$name" 4 | median); b=$(side_values b "$name" 4 | median)
    a_p99=$(side_values a "$name" 6 | median); b_p99=$(side_values b "$name" 6 | median)
    a_rounds=$(side_values a "$name" 4 | xargs -r printf '%.0f, '); b_rounds=$(side_values b "$name" 4 | xargs -r printf '%.0f, ')
    errors=
    [[ "$(side_values a "$name" 7)" == *"not 2xx"* ]] && errors+=" a"
    [[ "$(side_values b "$name" 7)" == *"not 2xx"* ]] && errors+=" b"
    awk -v name="$name" -v a="$a" -v b="$b" -v ap="$a_p99" -v bp="$b_p99" -v ar="${a_rounds%, }" -v br="${b_rounds%, }" \
      -v limit="$REGRESSION_PERCENT" -v errors="$errors" 'BEGIN {
        if (a + 0 == 0) { printf "| %s | %.0f | %.0f | n/a | %.2f | %.2f | %s / %s | no data |\n", name, a, b, ap, bp, ar, br; exit }
        change = (b - a) / a * 100
        verdict = change < -limit ? "REGRESSION: b more than " limit "% slower" : (change > limit ? "b more than " limit "% faster" : "within " limit "%")
        if (errors != "") verdict = verdict "; answers not 2xx (not counted) on side" errors
        printf "| %s | %.0f | %.0f | %+.1f%% | %.2f | %.2f | %s / %s | %s |\n", name, a, b, change, ap, bp, ar, br, verdict
      }'
  done
}

# The run of a comparison: both sides, the table on stdout and, in full mode, in bench/RESULTS.md between
# the markers of its kind (bench-compare-ref or bench-compare-env), apart from the main table.
compare_main() {
  local started=$SECONDS load_before report machine
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  machine=$(machine_line) # at the start: its commit is the one side b's jar was built from
  prepare_tools
  check_stores
  find_store_pids
  prepare_app_jar
  define_sides
  compare_rounds
  local round order=
  for round in $(seq "$COMPARE_ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order+="${order:+, }a b"; else order+="${order:+, }b a"; fi
  done
  report=$(cat <<EOF
## $([ "$MODE" = full ] && echo "Comparison" || echo "Smoke comparison") ($COMPARE) of $machine

- side a: ${SIDE_NAME[a]}; requests served on ${SIDE_THREADS[a]}
- side b: ${SIDE_NAME[b]}; requests served on ${SIDE_THREADS[b]}

$(java_note)

Floor: side a GET ${APP_FLOOR[a-eventual]}, side b GET ${APP_FLOOR[b-eventual]}. Rounds: $order; in each, every scenario: wrk, $CONNECTIONS connections, $LOAD_THREADS threads, ${WARMUP_S}s warm-up, ${DURATION_S}s timed, $USERS users
per app. req/s and p99 are the medians of the rounds; change is b against a, and a change below
-${REGRESSION_PERCENT}% is marked REGRESSION. Load average (1, 5, 15 min) before: $load_before; after:
$(cut -d' ' -f1-3 /proc/loadavg). Total time $((SECONDS - started))s.

$(compare_table)
EOF
)
  printf '\n%s\n' "$report"
  if [ "$MODE" = full ]; then
    write_results_md bench/RESULTS.md "$report" "bench-compare-$COMPARE"
    log "table written to bench/RESULTS.md (markers bench-compare-$COMPARE)"
  fi
}
