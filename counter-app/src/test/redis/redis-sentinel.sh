#!/usr/bin/env bash
# A Sentinel set on loopback for tests: one master, one replica (or N), three sentinels, in a private dir.
#   redis-sentinel.sh start DIR [N]   prints COUNTER_REDIS_URL=redis-sentinel://...#counter and the ports
#   redis-sentinel.sh stop DIR        stops them and removes DIR
set -Eeuo pipefail
source "$(dirname "$0")/topology-common.sh"
MASTER_NAME=counter

start() {
  local dir=$1 count=${2:-1}
  mkdir -p "$dir"
  local master replicas=() sentinels=()
  master=$(free_port)
  node "$dir" "$master"
  for _ in $(seq "$count"); do
    local replica; replica=$(free_port)
    replicas+=("$replica")
    node "$dir" "$replica" --replicaof 127.0.0.1 "$master"
  done
  wait_for replicated "$master" "$count"
  for _ in 1 2 3; do
    local port; port=$(free_port)
    sentinels+=("$port")
    cat > "$dir/sentinel-$port.conf" <<CONF
port $port
bind 127.0.0.1
daemonize yes
pidfile $dir/sentinel-$port.pid
logfile $dir/sentinel-$port.log
dir $dir
sentinel monitor $MASTER_NAME 127.0.0.1 $master 2
sentinel down-after-milliseconds $MASTER_NAME 1000
sentinel failover-timeout $MASTER_NAME 2000
sentinel parallel-syncs $MASTER_NAME 1
CONF
    redis-server "$dir/sentinel-$port.conf" --sentinel
  done
  for port in "${sentinels[@]}"; do
    wait_for knows_the_set "$port"
  done
  local hosts; hosts=$(printf '127.0.0.1:%s,' "${sentinels[@]}")
  echo "COUNTER_REDIS_URL=redis-sentinel://${hosts%,}#$MASTER_NAME"
  echo "MASTER_NAME=$MASTER_NAME"
  echo "MASTER_PORT=$master"
  echo "REPLICA_PORTS=${replicas[*]}"
  echo "SENTINEL_PORTS=${sentinels[*]}"
}

node() {
  local dir=$1 port=$2; shift 2
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
    --pidfile "$dir/redis-$port.pid" --logfile "$dir/redis-$port.log" \
    --save "" --appendonly no --maxmemory-policy noeviction --repl-diskless-sync-delay 0 "$@"
  wait_for redis-cli -p "$port" ping
}

# every one of the $2 replicas is online
replicated() {
  [[ $(redis-cli -p "$1" info replication | grep -c '^slave[0-9]*:.*state=online') -ge $2 ]]
}

# a sentinel that sees the replica and the two other sentinels can vote in a failover
knows_the_set() {
  [[ $(redis-cli -p "$1" sentinel replicas "$MASTER_NAME" | grep -c '^name$') -ge 1 ]] &&
    [[ $(redis-cli -p "$1" sentinel sentinels "$MASTER_NAME" | grep -c '^name$') -ge 2 ]]
}

case "${1:-}" in
  # a failed start (a port taken meanwhile, say) stops what it had started
  start) DIR=$2; trap 'stop_all "$DIR"' ERR; start "$DIR" "${3:-1}" ;;
  stop) stop_all "$2" ;;
  *) echo "usage: $0 start DIR [REPLICAS] | stop DIR" >&2; exit 2 ;;
esac
