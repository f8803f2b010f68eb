# shellcheck shell=bash
# The soak's private stores on free loopback ports under $WORK: a MariaDB it can kill and start again,
# and Redis as Standalone, a Sentinel set or a three-master Cluster. The shared 6379/3306 servers are
# never touched. Every Redis runs without persistence, so a restart loses its data (the one
# allowed loss, which the account measures). Sourced by soak/run.sh.

REDIS_FLAGS=(--bind 127.0.0.1 --appendonly no --save "" --maxmemory-policy noeviction --protected-mode no)

# --- MariaDB -------------------------------------------------------------------------------------------
# Grant tables are skipped: the server listens on loopback only and lives for one run.
mariadb_install() {
  MYSQL_DIR=$WORK/mariadb
  MYSQL_PORT=$(free_port)
  mkdir -p "$MYSQL_DIR"
  mariadb-install-db --no-defaults --datadir="$MYSQL_DIR/data" --auth-root-authentication-method=normal \
    --skip-test-db --user="$(id -un)" >"$MYSQL_DIR/install.log" 2>&1 \
    || { tail -n 20 "$MYSQL_DIR/install.log" >&2; die "mariadb-install-db failed"; }
}

mariadb_start() {
  start_background "$MYSQL_DIR/server.log" mariadbd --no-defaults --datadir="$MYSQL_DIR/data" \
    --socket="$MYSQL_DIR/sock" --port="$MYSQL_PORT" --bind-address=127.0.0.1 --user="$(id -un)" \
    --skip-grant-tables --skip-name-resolve --innodb-buffer-pool-size=64M --max-connections=200
  MYSQL_PID=$STARTED_PID
  wait_until 120 sql mysql 'SELECT 1' || { tail -n 20 "$MYSQL_DIR/server.log" >&2; die "private MariaDB did not start"; }
}

sql() { # database, statement
  mariadb --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -usoak --batch --skip-column-names "$1" -e "$2"
}

jdbc_url() { echo "jdbc:mysql://127.0.0.1:$MYSQL_PORT/$1"; }

# --- Redis ---------------------------------------------------------------------------------------------
redis_node_start() { # name, port, extra flags...: one redis-server in $PHASE_DIR/redis-<name>
  local name=$1 port=$2; shift 2
  mkdir -p "$PHASE_DIR/redis-$name"
  start_background "$PHASE_DIR/redis-$name/server.log" redis-server --port "$port" --dir "$PHASE_DIR/redis-$name" \
    "${REDIS_FLAGS[@]}" "$@"
  REDIS_PID[$name]=$STARTED_PID
  REDIS_PORT[$name]=$port
  wait_until 60 redis-cli -p "$port" ping || die "redis-server '$name' did not start on port $port"
}

declare -A REDIS_PID REDIS_PORT REDIS_ARGS

# Standalone: one node; its fault is kill -9 and a start without the data.
standalone_up() {
  redis_node_start standalone "$(free_port)"
  REDIS_URL="redis://127.0.0.1:${REDIS_PORT[standalone]}"
}
standalone_fault() {
  record_event redis-loss-begin "standalone Redis killed -9"
  kill9_pid "${REDIS_PID[standalone]}"
  record_event redis-loss-end
  redis_node_start standalone "${REDIS_PORT[standalone]}"
  log "standalone Redis killed -9 and started again, empty"
}

# Sentinel: one master, one replica, three sentinels watching master 'soak'.
sentinel_up() {
  redis_node_start sentinel-a "$(free_port)"
  redis_node_start sentinel-b "$(free_port)" --replicaof 127.0.0.1 "${REDIS_PORT[sentinel-a]}"
  local n port hosts=()
  for n in 1 2 3; do
    port=$(free_port)
    mkdir -p "$PHASE_DIR/sentinel-$n"
    cat >"$PHASE_DIR/sentinel-$n/sentinel.conf" <<CONF
port $port
bind 127.0.0.1
dir $PHASE_DIR/sentinel-$n
sentinel monitor soak 127.0.0.1 ${REDIS_PORT[sentinel-a]} 2
sentinel down-after-milliseconds soak 3000
sentinel failover-timeout soak 15000
CONF
    start_background "$PHASE_DIR/sentinel-$n/sentinel.log" redis-server "$PHASE_DIR/sentinel-$n/sentinel.conf" --sentinel
    REDIS_PID[sentinel-$n]=$STARTED_PID
    SENTINEL_PORTS[$n]=$port
    hosts+=("127.0.0.1:$port")
  done
  wait_until 30 sentinels_see_replica || die "the sentinels did not discover the replica"
  REDIS_URL="redis-sentinel://$(IFS=,; echo "${hosts[*]}")#soak"
}
declare -A SENTINEL_PORTS
sentinel_master_port() { redis-cli -p "${SENTINEL_PORTS[1]}" sentinel get-master-addr-by-name soak | sed -n 2p; }
sentinels_see_replica() {
  [ "$(redis-cli -p "${SENTINEL_PORTS[1]}" sentinel master soak | awk 'p { print; exit } /^num-slaves$/ { p = 1 }')" = 1 ] \
    && redis-cli -p "$(sentinel_master_port)" info replication | grep -q 'master_link_status:up\|slave0:.*state=online'
}
# SENTINEL FAILOVER promotes the replica; the old master becomes its replica and resynchronises, so any
# write the replica had not received yet, or that reached the old master before its demotion, is gone:
# Redis itself lost it. The fault spans from the command to that demotion.
sentinel_fault() {
  local before after
  before=$(sentinel_master_port)
  record_event redis-loss-begin "SENTINEL FAILOVER (master was port $before)"
  redis-cli -p "${SENTINEL_PORTS[1]}" sentinel failover soak >/dev/null
  wait_until 60 sentinel_master_moved "$before" || die "SENTINEL FAILOVER did not move the master off port $before"
  after=$(sentinel_master_port)
  # until Sentinel demotes it (seconds later), the old master still takes writes that will be discarded
  wait_until 60 redis_role_is "$before" slave || die "the old master on port $before was never demoted"
  record_event redis-loss-end
  wait_until 60 sentinels_see_replica || die "the old master did not rejoin as a replica"
  log "Sentinel failed over: master port $before -> $after"
}
redis_role_is() { [ "$(redis-cli -p "$1" role | head -1)" = "$2" ]; } # port, master|slave
sentinel_master_moved() { local p; p=$(sentinel_master_port); [ -n "$p" ] && [ "$p" != "$1" ] \
  && redis-cli -p "$p" role | head -1 | grep -qx master; }

# Cluster: three masters without replicas; its fault is kill -9 of one master and a start without data
# (its nodes.conf keeps its identity and slots).
# A cluster node also listens on port + 10000 (its bus), so both must be free and the port <= 55535.
cluster_free_port() {
  python3 -c '
import random, socket
for _ in range(200):
    port = random.randint(20000, 55535)
    try:
        for p in (port, port + 10000):
            socket.create_server(("127.0.0.1", p)).close()
    except OSError:
        continue
    print(port)
    break'
}

cluster_up() {
  local n port seeds=() urls=()
  for n in 1 2 3; do
    port=$(cluster_free_port)
    REDIS_ARGS[cluster-$n]="--cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 3000"
    # shellcheck disable=SC2086
    redis_node_start "cluster-$n" "$port" ${REDIS_ARGS[cluster-$n]}
    seeds+=("127.0.0.1:$port"); urls+=("redis://127.0.0.1:$port")
  done
  redis-cli --cluster create "${seeds[@]}" --cluster-replicas 0 --cluster-yes >"$PHASE_DIR/cluster-create.log" 2>&1 \
    || { cat "$PHASE_DIR/cluster-create.log" >&2; die "redis-cli --cluster create failed"; }
  wait_until 60 cluster_ok || die "the cluster did not reach cluster_state:ok"
  CLUSTER_VICTIM=1
  REDIS_URL=$(IFS=,; echo "${urls[*]}")
}
cluster_ok() {
  local n
  for n in 1 2 3; do redis-cli -p "${REDIS_PORT[cluster-$n]}" cluster info | grep -q 'cluster_state:ok' || return 1; done
}
cluster_fault() {
  local name=cluster-$CLUSTER_VICTIM
  record_event redis-loss-begin "Cluster node $CLUSTER_VICTIM killed -9"
  kill9_pid "${REDIS_PID[$name]}"
  record_event redis-loss-end
  # shellcheck disable=SC2086
  redis_node_start "$name" "${REDIS_PORT[$name]}" ${REDIS_ARGS[$name]}
  wait_until 60 cluster_ok || die "the cluster did not recover after node $CLUSTER_VICTIM restarted"
  log "Cluster node $CLUSTER_VICTIM killed -9 and started again, empty"
  CLUSTER_VICTIM=$((CLUSTER_VICTIM % 3 + 1))
}

# Stops every Redis process of the topology (between phases).
redis_down() {
  local pid
  for pid in "${REDIS_PID[@]}"; do stop_pid "$pid"; done
  REDIS_PID=(); REDIS_PORT=(); SENTINEL_PORTS=()
}
