#!/usr/bin/env bash
# A three-master Redis Cluster on loopback for tests, in a private dir; with R, each master has R replicas.
#   redis-cluster.sh start DIR [R]   prints COUNTER_REDIS_URL=redis://...,redis://... and the ports
#   redis-cluster.sh stop DIR        stops it and removes DIR
set -Eeuo pipefail
source "$(dirname "$0")/topology-common.sh"

start() {
  local dir=$1 replicas=${2:-0} ports=() nodes=()
  mkdir -p "$dir"
  for _ in $(seq $(( 3 * (1 + replicas) ))); do
    local port; port=$(free_port)
    ports+=("$port"); nodes+=("127.0.0.1:$port")
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
      --pidfile "$dir/redis-$port.pid" --logfile "$dir/redis-$port.log" \
      --cluster-enabled yes --cluster-config-file "$dir/nodes-$port.conf" --cluster-node-timeout 2000 \
      --save "" --appendonly no --maxmemory-policy noeviction
    wait_for redis-cli -p "$port" ping
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas "$replicas" --cluster-yes > "$dir/create.log"
  for port in "${ports[@]}"; do
    wait_for cluster_ok "$port"
    wait_for replicas_online "$port" "$replicas"
  done
  local seeds; seeds=$(printf 'redis://127.0.0.1:%s,' "${ports[@]}")
  echo "COUNTER_REDIS_URL=${seeds%,}"
  echo "NODE_PORTS=${ports[*]}"
}

cluster_ok() {
  redis-cli -p "$1" cluster info | grep -q '^cluster_state:ok'
}

# a replica counts as in sync (true), a master once its $2 replicas are online
replicas_online() {
  local info; info=$(redis-cli -p "$1" info replication)
  grep -q '^role:slave' <<< "$info" || [[ $(grep -c '^slave[0-9]*:.*state=online' <<< "$info") -ge $2 ]]
}

case "${1:-}" in
  # a failed start (a port taken meanwhile, say) stops what it had started
  start) DIR=$2; trap 'stop_all "$DIR"' ERR; start "$DIR" "${3:-0}" ;;
  stop) stop_all "$2" ;;
  *) echo "usage: $0 start DIR [REPLICAS_PER_MASTER] | stop DIR" >&2; exit 2 ;;
esac
