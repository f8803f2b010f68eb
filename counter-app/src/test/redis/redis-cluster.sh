#!/usr/bin/env bash
# A three-master Redis Cluster on loopback for tests, in a private dir.
#   redis-cluster.sh start DIR   prints COUNTER_REDIS_URL=redis://...,redis://... and the ports
#   redis-cluster.sh stop DIR    stops it and removes DIR
set -Eeuo pipefail
source "$(dirname "$0")/topology-common.sh"

start() {
  local dir=$1 ports=() nodes=()
  mkdir -p "$dir"
  for _ in 1 2 3; do
    local port; port=$(free_port)
    ports+=("$port"); nodes+=("127.0.0.1:$port")
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
      --pidfile "$dir/redis-$port.pid" --logfile "$dir/redis-$port.log" \
      --cluster-enabled yes --cluster-config-file "$dir/nodes-$port.conf" --cluster-node-timeout 2000 \
      --save "" --appendonly no --maxmemory-policy noeviction
    wait_for redis-cli -p "$port" ping
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes > "$dir/create.log"
  for port in "${ports[@]}"; do
    wait_for cluster_ok "$port"
  done
  local seeds; seeds=$(printf 'redis://127.0.0.1:%s,' "${ports[@]}")
  echo "COUNTER_REDIS_URL=${seeds%,}"
  echo "NODE_PORTS=${ports[*]}"
}

cluster_ok() {
  redis-cli -p "$1" cluster info | grep -q '^cluster_state:ok'
}

case "${1:-}" in
  # a failed start (a port taken meanwhile, say) stops what it had started
  start) DIR=$2; trap 'stop_all "$DIR"' ERR; start "$DIR" ;;
  stop) stop_all "$2" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
