# shellcheck shell=bash
# The shared Redis and MariaDB on loopback: the benchmark only ever creates its own databases and keys
# under its own prefix, and removes them on exit. It never stops, flushes or reconfigures the servers.

REDIS_HOST=127.0.0.1
REDIS_PORT=${REDIS_PORT:-6379}
MYSQL_HOST=127.0.0.1
MYSQL_PORT=${MYSQL_PORT:-3306}
MYSQL_USER=${MYSQL_USER:-usercounter}
MYSQL_PASSWORD=${MYSQL_PASSWORD:-usercounter}

sql() { # database, statement
  mariadb --protocol=tcp -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u"$MYSQL_USER" -p"$MYSQL_PASSWORD" \
    --batch --skip-column-names "$1" -e "$2"
}

# Creates an empty database (dropping a leftover of an interrupted run) and drops it on exit.
fresh_database() { # name
  sql mysql "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\`"
  on_exit "sql mysql 'DROP DATABASE IF EXISTS \`$1\`'"
}

jdbc_url() { # database
  echo "jdbc:mysql://$MYSQL_HOST:$MYSQL_PORT/$1"
}

redis() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }

# Deletes every key under a prefix: the counter app's keys are {prefix:shard}:..., raw ones prefix:...
delete_redis_keys() { # prefix
  redis --scan --pattern "{$1:*" | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" unlink >/dev/null
  redis --scan --pattern "$1:*" | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" unlink >/dev/null
}

check_stores() {
  redis ping 2>/dev/null | grep -q PONG \
    || die "Redis does not answer on $REDIS_HOST:$REDIS_PORT (run \`make services\`)"
  sql mysql 'SELECT 1' >/dev/null 2>&1 \
    || die "MariaDB does not answer on $MYSQL_HOST:$MYSQL_PORT as $MYSQL_USER (run \`make services\`)"
}
