#!/usr/bin/env bash
# The image test of `make test`: builds both images (scripts/images.sh, from the jars `mvn verify` built) and runs
# each as a pod with the Helm chart's and the operator's security settings would: uid 10001, a read-only root
# filesystem with only /tmp writable (a tmpfs), a memory limit, on the host's network.
#   counter-app: against the local Redis and MariaDB (a fresh database and key prefix), Eventual with a 1h sync
#                interval: ready, an increment, then SIGTERM stops it cleanly and its last flush reaches MySQL.
#   operator:    against a local API server (local-apiserver) with the CRD: ready, a UserCounter gets its
#                Deployment, then SIGTERM stops it cleanly.
# Each check prints one `images-test: ok ...` line; the first failure stops the run with its container's log.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/java25.sh

log() { printf 'images-test: %s\n' "$*"; }
fail() { printf 'images-test: FAILED: %s\n' "$*" >&2; exit 1; }

bash scripts/local-services.sh >/dev/null
bash scripts/images.sh
VERSION=$(sed -n 's:^  <version>\(.*\)-SNAPSHOT</version>:\1:p' pom.xml | head -1)
APP_IMAGE=ghcr.io/usercounter/counter-app:$VERSION OPERATOR_IMAGE=ghcr.io/usercounter/usercounter-operator:$VERSION

run_id=$RANDOM$RANDOM
work=$(mktemp -d /tmp/images-test.XXXXXX)
database=images_test_$run_id prefix=images-test-$run_id
app=images-test-app-$run_id operator=images-test-operator-$run_id
mysql_cli=(mysql --protocol=tcp -h 127.0.0.1 -P 3306 -uusercounter -pusercounter -N -B)
podman=(podman --runtime runc)
apiserver_pid=

cleanup() {
  "${podman[@]}" rm -f -i -t 0 "$app" "$operator" >/dev/null 2>&1 || true
  if [ -n "$apiserver_pid" ]; then kill "$apiserver_pid" 2>/dev/null; wait "$apiserver_pid" 2>/dev/null || true; fi
  "${mysql_cli[@]}" -e "DROP DATABASE IF EXISTS $database" 2>/dev/null || true
  redis-cli -h 127.0.0.1 --scan --pattern "*$prefix*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# a pod's securityContext (runAsUser 10001, readOnlyRootFilesystem), an emptyDir at /tmp and a memory limit;
# --read-only-tmpfs=false, or podman would also make /run and /var/tmp writable
pod_run() { # name, memory limit, podman run options and image...
  local name=$1 memory=$2; shift 2
  "${podman[@]}" run -d --name "$name" --network host --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    --user 10001:10001 --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=64m,mode=1777 --memory "$memory" "$@" >/dev/null
}

await_http_ok() { # container, url, seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    [ "$("${podman[@]}" inspect -f '{{.State.Running}}' "$1")" = true ] || { "${podman[@]}" logs "$1" | tail -40 >&2; fail "$1 exited before $2 answered"; }
    [ $SECONDS -lt $deadline ] || { "${podman[@]}" logs "$1" | tail -40 >&2; fail "$2 not ready after $3 s"; }
    sleep 1
  done
}

# SIGTERM (podman stop), as a kubelet stops a pod; the JVM's shutdown hooks run and it exits with 143 (128 + 15),
# not 137, which would mean it was still running when the grace period ran out
stop_cleanly() { # container
  local started=$SECONDS code
  "${podman[@]}" stop -t 40 "$1" >/dev/null
  code=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' "$1")
  [ "$code" = 143 ] || [ "$code" = 0 ] || { "${podman[@]}" logs "$1" | tail -40 >&2; fail "$1 exited with $code on SIGTERM"; }
  log "ok $1 stopped on SIGTERM in $((SECONDS - started)) s, exit code $code"
}

image_checks() { # image
  local user tools
  user=$("${podman[@]}" image inspect -f '{{.Config.User}}' "$1")
  [ "$user" = 10001:10001 ] || fail "$1 runs as '$user', not the numeric 10001:10001"
  for label in source version revision; do
    [ -n "$("${podman[@]}" image inspect -f "{{index .Config.Labels \"org.opencontainers.image.$label\"}}" "$1")" ] \
      || fail "$1 has no org.opencontainers.image.$label label"
  done
  # shellcheck disable=SC2016 # $t is the container shell's
  tools=$("${podman[@]}" run --rm --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 --entrypoint /bin/sh "$1" -c \
    'for t in javac jar jlink mvn gcc cc make; do command -v $t; done; true')
  [ -z "$tools" ] || fail "$1 contains build tools: $tools"
  log "ok $1: user 10001:10001, OCI labels, no build tools"
}

image_checks "$APP_IMAGE"
image_checks "$OPERATOR_IMAGE"

# counter-app
"${mysql_cli[@]}" -e "CREATE DATABASE $database"
app_port=$(free_port) app_started=$SECONDS
pod_run "$app" 512m -e SERVER_PORT="$app_port" \
  -e SPRING_DATASOURCE_URL="jdbc:mysql://127.0.0.1:3306/$database" -e SPRING_DATASOURCE_USERNAME=usercounter \
  -e SPRING_DATASOURCE_PASSWORD=usercounter -e SPRING_JOOQ_SQL_DIALECT=MARIADB \
  -e COUNTER_REDIS_URL=redis://127.0.0.1:6379 -e COUNTER_KEY_PREFIX="$prefix" \
  -e COUNTER_CONSISTENCY=eventual -e COUNTER_SYNC_INTERVAL=1h "$APP_IMAGE"
url=http://127.0.0.1:$app_port
await_http_ok "$app" "$url/actuator/health/readiness" 180
heap_max=$(curl -fsS "$url/actuator/prometheus" | awk '/^jvm_memory_max_bytes\{area="heap"/ && $NF > 0 { sum += $NF } END { printf "%d", sum }')
# MaxRAMPercentage=75 of the 512 MiB limit: the JVM sizes its heap by the container's limit, not the machine's
if [ "$heap_max" -le $((300 * 1024 * 1024)) ] || [ "$heap_max" -gt $((384 * 1024 * 1024)) ]; then
  fail "heap max $heap_max is not 75% of the 512 MiB limit"
fi
log "ok $app ready in $((SECONDS - app_started)) s as uid 10001 on a read-only root, heap max $((heap_max / 1024 / 1024)) MiB under --memory 512m"

user_id=$(curl -fsS -XPOST "$url/api/v1/users" -H 'Content-Type: application/json' -d '{"username":"image-test"}' | jq .data.id)
counter=$(curl -fsS -XPUT "$url/api/v1/users/$user_id/increment?by=7" | jq .data.counter)
[ "$counter" = 7 ] || fail "increment by 7 answered counter $counter"
in_mysql=$("${mysql_cli[@]}" -e "SELECT counter FROM $database.users WHERE id = $user_id")
[ "$in_mysql" = 0 ] || fail "MySQL has $in_mysql before any flush (sync interval 1h)"
log "ok increment by 7 acknowledged, MySQL still at 0"

stop_cleanly "$app"
in_mysql=$("${mysql_cli[@]}" -e "SELECT counter FROM $database.users WHERE id = $user_id")
[ "$in_mysql" = 7 ] || { "${podman[@]}" logs "$app" | tail -40 >&2; fail "MySQL has $in_mysql after the stop, not the 7 the last flush owes"; }
log "ok the flush on SIGTERM wrote 7 to MySQL"

# operator
stack=$work/stack
mkdir -p "$stack"
: >"$work/apiserver.log"
java -Xmx256m -jar local-apiserver/target/local-apiserver-*-SNAPSHOT.jar --port 0 --kubeconfig "$stack/kubeconfig" \
  >"$work/apiserver.log" 2>&1 &
apiserver_pid=$!
for _ in $(seq 120); do grep -q '^local-apiserver listening on ' "$work/apiserver.log" && break; sleep 0.5; done
grep -q '^local-apiserver listening on ' "$work/apiserver.log" || { cat "$work/apiserver.log" >&2; fail "local-apiserver did not start"; }
chmod 0644 "$stack/kubeconfig"
LOCAL_STACK_DIR=$stack java -jar e2e/target/e2e-*-SNAPSHOT.jar apply crds/*.y*ml >/dev/null

health_port=$(free_port)
pod_run "$operator" 384m -v "$stack/kubeconfig:/etc/usercounter/kubeconfig:ro" \
  -e KUBECONFIG=/etc/usercounter/kubeconfig -e OPERATOR_SERVER_SIDE_APPLY=false -e OPERATOR_HEALTH_PORT="$health_port" \
  "$OPERATOR_IMAGE"
await_http_ok "$operator" "http://127.0.0.1:$health_port/readyz" 120
log "ok $operator ready as uid 10001 on a read-only root under --memory 384m"

LOCAL_STACK_DIR=$stack java -jar e2e/target/e2e-*-SNAPSHOT.jar apply examples/demo.yaml >/dev/null
server=$(sed -n 's/^ *server: *"*\([^"]*\)"*$/\1/p' "$stack/kubeconfig" | head -1)
deadline=$((SECONDS + 60))
until curl -fsS -o /dev/null "$server/apis/apps/v1/namespaces/default/deployments/demo"; do
  [ $SECONDS -lt $deadline ] || { "${podman[@]}" logs "$operator" | tail -40 >&2; fail "no Deployment demo 60 s after the UserCounter"; }
  sleep 1
done
log "ok the operator in its image created the Deployment of UserCounter demo"
stop_cleanly "$operator"
log "passed"
