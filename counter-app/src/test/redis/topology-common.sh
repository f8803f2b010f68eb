# Sourced by the topology scripts. free_port prints a loopback TCP port nobody listens on, never one
# handed out before; port+10000 is free too, since a Cluster node also listens there (its bus port).
free_port() {
  local port
  while true; do
    port=$(( (RANDOM << 15 | RANDOM) % 20000 + 30000 ))
    if [[ " ${USED_PORTS:-} " != *" $port "* ]] && ! listening "$port" && ! listening $(( port + 10000 )); then
      USED_PORTS="${USED_PORTS:-} $port"
      echo "$port"
      return
    fi
  done
}

listening() {
  ss -Htln "sport = :$1" | grep -q .
}

# Waits up to 20 s for a command to succeed.
wait_for() {
  local deadline=$(( SECONDS + 20 ))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      echo "timed out waiting for: $*" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Stops every process whose pid file is in the directory, waits for them, then removes the directory.
stop_all() {
  local dir=$1 pidfile pids=() pid
  for pidfile in "$dir"/*.pid; do
    [[ -f $pidfile ]] && pids+=("$(cat "$pidfile")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$dir"
}
