# Operator memory with unrelated Secrets: the operator's peak resident memory while it reconciles
# MEMORY_USERCOUNTERS UserCounters, once on an API server without other Secrets and once, a fresh operator on a
# fresh API server (so it reconciles the same number of UserCounters), after UNRELATED_SECRETS Secrets of 16 KiB
# (Helm release Secrets, say) were added: half in the UserCounters' own namespace, half in another. An operator that lists every Secret, or every Secret of a
# namespace, pulls them all into its heap; one that watches only the referenced Secrets does not.

operator_memory_scenario() {
  start_local_apiserver "$WORK/local-apiserver-memory.log"
  local with_peak without_peak half=$((UNRELATED_SECRETS / 2))

  start_operator "$WORK/operator-memory-without.log"
  log "operator memory: $MEMORY_USERCOUNTERS UserCounters, no unrelated Secrets"
  $PYTHON bench/operator/scale.py run "$API_SERVER" bench-memory-without "$MEMORY_USERCOUNTERS" >/dev/null
  sleep "$MEMORY_SETTLE_S"
  without_peak=$(peak_rss_mib "$OP_PID")
  stop_pid "$OP_PID"
  stop_pid "$API_PID"

  start_local_apiserver "$WORK/local-apiserver-memory-with.log"
  log "operator memory: creating $UNRELATED_SECRETS unrelated Secrets of 16 KiB"
  $PYTHON bench/operator/scale.py secrets "$API_SERVER" bench-memory-with "$half" 16
  $PYTHON bench/operator/scale.py secrets "$API_SERVER" bench-memory-releases "$((UNRELATED_SECRETS - half))" 16
  start_operator "$WORK/operator-memory-with.log"
  log "operator memory: $MEMORY_USERCOUNTERS UserCounters, $UNRELATED_SECRETS unrelated Secrets"
  $PYTHON bench/operator/scale.py run "$API_SERVER" bench-memory-with "$MEMORY_USERCOUNTERS" >/dev/null
  sleep "$MEMORY_SETTLE_S"
  with_peak=$(peak_rss_mib "$OP_PID")
  stop_pid "$OP_PID"
  stop_pid "$API_PID"

  record_value "unrelated Secrets" "$UNRELATED_SECRETS" ""
  record_value "operator peak RSS, no unrelated Secrets" "$without_peak" MiB
  record_value "operator peak RSS, unrelated Secrets" "$with_peak" MiB
}
