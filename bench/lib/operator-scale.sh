# shellcheck shell=bash
# Operator scale: the local API server and the real operator, then SCALE_SMALL and
# SCALE_LARGE UserCounters, each in a fresh namespace, timed until every one has its Deployment.

# The Helm chart runs the operator with a 384Mi limit and -XX:MaxRAMPercentage=75; MaxRAM stands in
# for the container limit here.
OPERATOR_JAVA_OPTS="-XX:MaxRAM=384m -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"

# A fresh local API server with the CRD; sets API_PID and API_SERVER (its URL) and writes $WORK/kubeconfig.
start_local_apiserver() { # log file
  local api_log=$1
  start_background "$api_log" java -jar "$WORK/local-apiserver.jar" --port 0 --kubeconfig "$WORK/kubeconfig"
  API_PID=$STARTED_PID
  API_SERVER=
  for _ in $(seq 300); do
    API_SERVER=$(sed -n 's/^local-apiserver listening on //p' "$api_log")
    [ -n "$API_SERVER" ] && break
    kill -0 "$API_PID" 2>/dev/null || { cat "$api_log" >&2; die "local-apiserver exited"; }
    sleep 0.2
  done
  [ -n "$API_SERVER" ] || die "local-apiserver did not start (log: $api_log)"
  $PYTHON bench/operator/scale.py crd "$API_SERVER" crds/usercounters.usercounter.io-v1.yml
}

# The operator jar against $WORK/kubeconfig with the chart's memory settings, once ready; sets OP_PID.
start_operator() { # log file
  local op_log=$1 health_port
  health_port=$(free_port)
  # shellcheck disable=SC2086 # OPERATOR_JAVA_OPTS holds several options
  start_background "$op_log" env KUBECONFIG="$WORK/kubeconfig" OPERATOR_SERVER_SIDE_APPLY=false \
    OPERATOR_HEALTH_PORT="$health_port" java $OPERATOR_JAVA_OPTS -jar "$WORK/operator.jar"
  OP_PID=$STARTED_PID
  wait_http_ok "http://127.0.0.1:$health_port/readyz" "$OP_PID" "$op_log" 180
}

operator_scale_scenario() {
  start_local_apiserver "$WORK/local-apiserver.log"
  start_operator "$WORK/operator.log"
  log "operator ready (API server $API_SERVER)"

  if [ "$SCALE_WARMUP" -gt 0 ]; then
    log "operator: warm-up with $SCALE_WARMUP UserCounters"
    $PYTHON bench/operator/scale.py run "$API_SERVER" bench-warmup "$SCALE_WARMUP" >/dev/null
  fi
  local size line
  for size in small large; do
    local count=$SCALE_SMALL
    [ "$size" = large ] && count=$SCALE_LARGE
    log "operator: $count UserCounters until all have Deployments"
    line=$($PYTHON bench/operator/scale.py run "$API_SERVER" "bench-$size" "$count")
    record_value "operator resources, $size" "$count" ""
    record_value "operator seconds, $size" "$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line")" s
  done
  record_value "operator peak RSS" "$(peak_rss_mib "$OP_PID")" MiB
  stop_pid "$OP_PID"
  stop_pid "$API_PID"
}
