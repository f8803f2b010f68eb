# shellcheck shell=bash
# HTTP scenarios with wrk: a warm-up run, then the timed run, at the one fixed concurrency.

CONNECTIONS=${BENCH_CONNECTIONS:-32}
LOAD_THREADS=${BENCH_THREADS:-2}

wrk_run() { # seconds, url, method, path, first id, last id
  wrk -t"$LOAD_THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s -s bench/wrk/load.lua "$2" -- "$3" "$4" "$5" "$6" \
    | grep '^RESULT '
}

http_scenario() { # name, app, method, path, first id, last id, note
  local name=$1 url=${APP_URL[$2]} line
  probe "$name" "$3" "$url${4//\{id\}/$5}"
  log "$name: ${WARMUP_S}s warm-up, ${DURATION_S}s timed ($3 $4, ids $5..$6, $CONNECTIONS connections)"
  wrk_run "$WARMUP_S" "$url" "$3" "$4" "$5" "$6" >/dev/null
  cpu_begin "$name" "$2"
  line=$(wrk_run "$DURATION_S" "$url" "$3" "$4" "$5" "$6")
  check_http_result "$name" "$line"
  cpu_end "$name" "$(requests_of "$line")"
  record_result "$name" "$line" "$(http_note "$line" "${7:-}")"
}

requests_of() { sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$1"; } # RESULT line

# Untimed load of every request shape an app will serve, before its first timed scenario: otherwise
# that scenario pays for the JIT compiling the app (measured: 3-5x the CPU per request of a warm app).
jit_warmup() { # app, then method:path:first:last for each shape
  local app=$1 url=${APP_URL[$1]} shape method path first last
  shift
  log "$app app: JIT warm-up, ${WARMUP_S}s of each request shape it will serve"
  for shape in "$@"; do
    IFS=: read -r method path first last <<<"$shape"
    wrk_run "$WARMUP_S" "$url" "$method" "$path" "$first" "$last" >/dev/null
  done
}

# One request before the load: a scenario aimed at a wrong path or method stops here, clearly.
probe() { # name, method, url
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -X "$2" "$3")
  [[ "$status" == 2?? ]] || die "$1: $2 $3 answered $status"
}

# Only a scenario that printed nothing is broken here (the probe caught wrong paths). Non-2xx answers
# under load (a store timing out on a busy machine) are a measurement, kept in the note, not counted.
check_http_result() { # name, RESULT line
  [ -n "$2" ] || die "$1: wrk printed no result"
}

# The note of a scenario, with the answers that were not 2xx when there were any.
http_note() { # RESULT line, note
  local status_errors
  status_errors=$(sed -E 's/.*status_errors=([0-9]+).*/\1/' <<<"$1")
  if [ "$status_errors" -gt 0 ]; then echo "$2; $status_errors answers not 2xx, not counted"; else echo "$2"; fi
}
