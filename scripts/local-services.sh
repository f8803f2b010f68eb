#!/usr/bin/env bash
# Makes sure Redis and MariaDB answer on loopback, installing and starting them when absent,
# and that MariaDB has the project's own account (usercounter/usercounter, may create databases).
# Also installs shellcheck, which make test runs over the kind scripts.
# Idempotent: on a machine where both already run it only checks them.
set -euo pipefail

REDIS_PORT="${REDIS_PORT:-6379}"
MYSQL_PORT="${MYSQL_PORT:-3306}"
DB_USER=usercounter
DB_PASSWORD=usercounter

log() { printf 'local-services: %s\n' "$*"; }
die() { printf 'local-services: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install redis-server and mariadb-server, or run as root)"; fi
}

apt_updated=false
install_packages() {
  command -v apt-get >/dev/null || die "apt-get not found; install $* by hand"
  if [ "$apt_updated" = false ]; then as_root apt-get update -qq; apt_updated=true; fi
  log "installing $*"
  # policy-rc.d keeps the package scripts from trying to start services under a missing init system
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # description, attempts, command...
  local what=$1 tries=$2; shift 2
  for _ in $(seq "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what did not come up"
}

redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  command -v redis-server >/dev/null || install_packages redis-server redis-tools
  if ! redis_up; then
    log "starting redis-server on 127.0.0.1:$REDIS_PORT"
    local dir=/var/lib/redis
    as_root mkdir -p "$dir" /var/log/redis
    # Redis must never evict counter keys (docs/operations.md)
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
      --appendonly no --maxmemory-policy noeviction --dir "$dir" --logfile /var/log/redis/usercounter.log
    wait_for "redis on port $REDIS_PORT" 40 redis_up
  fi
  log "redis ok on 127.0.0.1:$REDIS_PORT"
}

mysql_up() { mysqladmin --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u"$DB_USER" -p"$DB_PASSWORD" ping 2>/dev/null | grep -q alive \
  || mysqladmin --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" ping 2>&1 | grep -qE 'alive|Access denied'; }

ensure_mariadb() {
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || install_packages mariadb-server mariadb-client
  if ! mysql_up; then
    log "starting mariadbd on 127.0.0.1:$MYSQL_PORT"
    as_root mkdir -p /run/mysqld
    as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
    if [ ! -d /var/lib/mysql/mysql ]; then as_root mariadb-install-db --user=mysql >/dev/null; fi
    as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql \
      --bind-address=127.0.0.1 --port="$MYSQL_PORT"
    wait_for "mariadb on port $MYSQL_PORT" 120 mysql_up
  fi
  if ! mysql --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u"$DB_USER" -p"$DB_PASSWORD" -e 'SELECT 1' >/dev/null 2>&1; then
    log "creating MariaDB account $DB_USER (root through the socket)"
    as_root mysql -uroot <<SQL
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'::1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'::1';
FLUSH PRIVILEGES;
SQL
  fi
  mysql --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u"$DB_USER" -p"$DB_PASSWORD" \
    -e 'CREATE DATABASE IF NOT EXISTS usercounter' >/dev/null
  log "mariadb ok on 127.0.0.1:$MYSQL_PORT (account $DB_USER, database usercounter)"
}

ensure_redis
ensure_mariadb
command -v shellcheck >/dev/null || install_packages shellcheck
