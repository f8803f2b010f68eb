# shellcheck shell=bash
# Every process the soak starts, and the one exit trap that stops them and removes the work directory.
# Sourced by soak/run.sh.

SOAK_PIDS=()
SOAK_CLEANUPS=()

log() { printf 'soak: [%4ss] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'soak: error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# Runs a command in the background and remembers its pid (in $STARTED_PID) for the exit trap.
start_background() { # log file, command...
  local logfile=$1; shift
  "$@" >>"$logfile" 2>&1 &
  STARTED_PID=$!
  SOAK_PIDS+=("$STARTED_PID")
}

on_exit() { SOAK_CLEANUPS+=("$*"); }

# Drops a pid the soak has reaped, so that the exit trap can never signal a reused pid.
forget_pid() { # pid
  local kept=() pid
  for pid in "${SOAK_PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  SOAK_PIDS=("${kept[@]}")
}

# A pid is signalled only while it is still a child of this shell: a pid that exited is reused soon.
our_child() { [ "$(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ')" = "$$" ]; }

stop_pid() { # pid: SIGTERM, then SIGKILL after 10s
  local pid=$1
  forget_pid "$pid"
  our_child "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

kill9_pid() { # pid: the crash the soak is about
  forget_pid "$1"
  our_child "$1" || return 0
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

stop_all() {
  local pid cleanup
  for pid in "${SOAK_PIDS[@]}"; do stop_pid "$pid"; done
  for cleanup in "${SOAK_CLEANUPS[@]}"; do eval "$cleanup" >/dev/null 2>&1 || true; done
  SOAK_PIDS=()
  SOAK_CLEANUPS=()
}

install_exit_trap() {
  trap 'stop_all' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Polls a command until it succeeds; returns 1 after the given seconds.
wait_until() { # seconds, command...
  local deadline=$((SECONDS + $1)); shift
  while [ "$SECONDS" -lt "$deadline" ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.3; done
  return 1
}
