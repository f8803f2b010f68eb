# shellcheck shell=bash
# Processes the benchmark starts, and the one trap that stops them (and cleans up) on any exit.
# Sourced by bench/run.sh.

BENCH_PIDS=()
BENCH_CLEANUPS=()

log() { printf 'bench: [%4ss] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# Runs a command in the background, remembers its pid (in $STARTED_PID) so the exit trap stops it.
start_background() { # log file, command...
  local logfile=$1; shift
  "$@" >"$logfile" 2>&1 &
  STARTED_PID=$!
  BENCH_PIDS+=("$STARTED_PID")
}

# Registers a command the exit trap runs (dropping databases, deleting Redis keys).
on_exit() { BENCH_CLEANUPS+=("$*"); }

stop_pid() { # pid: SIGTERM, then SIGKILL after 15s
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "pid $pid ignored SIGTERM; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

stop_all() {
  local pid cleanup
  for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
  for cleanup in "${BENCH_CLEANUPS[@]}"; do eval "$cleanup" >/dev/null 2>&1 || true; done
  BENCH_PIDS=()
  BENCH_CLEANUPS=()
}

# shellcheck disable=SC2034 # read by the cleanup run.sh registers with on_exit
BENCH_STATUS=0
install_exit_trap() {
  trap 'BENCH_STATUS=$?; stop_all' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until a URL answers 200: returns 0, or 1 when the process died first, or 2 on the deadline.
http_ok_within() { # url, pid, seconds
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && return 0
    sleep 0.3
  done
  return 2
}

# Like http_ok_within, but stops the run (with the log's tail) when the URL never answers.
wait_http_ok() { # url, pid, log file, seconds
  local status=0
  http_ok_within "$1" "$2" "$4" || status=$?
  [ "$status" -eq 0 ] && return 0
  tail -n 30 "$3" >&2
  [ "$status" -eq 1 ] && die "process $2 exited before $1 answered (log: $3)"
  die "$1 did not answer 200 within ${4}s (log: $3)"
}

# Peak resident memory of a live process, in MiB (VmHWM, the high-water mark the kernel keeps).
peak_rss_mib() { # pid
  awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}
