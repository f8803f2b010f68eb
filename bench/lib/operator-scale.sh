# Operator scale: the local API server and the real operator, then SCALE_SMALL and
# SCALE_LARGE UserCounters, each in a fresh namespace, timed until every one has its Deployment.

# The Helm chart runs the operator with a 384Mi limit and -XX:MaxRAMPercentage=75; MaxRAM stands in
# for the container limit here.
OPERATOR_JAVA_OPTS="-XX:MaxRAM=384m -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"

operator_scale_scenario() {
  local api_log="$WORK/local-apiserver.log" op_log="$WORK/operator.log" api_pid server health_port op_pid
  start_background "$api_log" java -jar "$WORK/local-apiserver.jar" --port 0 --kubeconfig "$WORK/kubeconfig"
  api_pid=$STARTED_PID
  for _ in $(seq 300); do
    server=$(sed -n 's/^local-apiserver listening on //p' "$api_log")
    [ -n "$server" ] && break
    kill -0 "$api_pid" 2>/dev/null || { cat "$api_log" >&2; die "local-apiserver exited"; }
    sleep 0.2
  done
  [ -n "$server" ] || die "local-apiserver did not start (log: $api_log)"
  $PYTHON bench/operator/scale.py crd "$server" crds/usercounters.usercounter.io-v1.yml

  health_port=$(free_port)
  start_background "$op_log" env KUBECONFIG="$WORK/kubeconfig" OPERATOR_SERVER_SIDE_APPLY=false \
    OPERATOR_HEALTH_PORT="$health_port" java $OPERATOR_JAVA_OPTS -jar "$WORK/operator.jar"
  op_pid=$STARTED_PID
  wait_http_ok "http://127.0.0.1:$health_port/readyz" "$op_pid" "$op_log" 180
  log "operator ready (API server $server)"

  if [ "$SCALE_WARMUP" -gt 0 ]; then
    log "operator: warm-up with $SCALE_WARMUP UserCounters"
    $PYTHON bench/operator/scale.py run "$server" bench-warmup "$SCALE_WARMUP" >/dev/null
  fi
  local size line
  for size in small large; do
    local count=$SCALE_SMALL
    [ "$size" = large ] && count=$SCALE_LARGE
    log "operator: $count UserCounters until all have Deployments"
    line=$($PYTHON bench/operator/scale.py run "$server" "bench-$size" "$count")
    record_value "operator resources, $size" "$count" ""
    record_value "operator seconds, $size" "$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line")" s
  done
  record_value "operator peak RSS" "$(peak_rss_mib "$op_pid")" MiB
  stop_pid "$op_pid"
  stop_pid "$api_pid"
}
