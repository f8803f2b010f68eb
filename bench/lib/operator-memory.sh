# shellcheck shell=bash
# Operator memory with unrelated Secrets: the operator's peak resident memory while it reconciles
# MEMORY_USERCOUNTERS UserCounters, once on an API server without other Secrets and once, a fresh operator on a
# fresh API server (so it reconciles the same number of UserCounters), after UNRELATED_SECRETS Secrets of 16 KiB
# (Helm release Secrets, say) were added: half in the UserCounters' own namespace, half in another. An operator that lists every Secret, or every Secret of a
# namespace, pulls them all into its heap; one that watches only the referenced Secrets does not.

operator_memory_scenario() {
  local with_peak without_peak half=$((UNRELATED_SECRETS / 2))

  start_local_apiserver "$WORK/local-apiserver-memory-without.log"
  log "operator memory: $MEMORY_USERCOUNTERS UserCounters, no unrelated Secrets"
  measure_operator_peak without bench-memory-without
  without_peak=$PEAK_MIB
  stop_pid "$API_PID"

  start_local_apiserver "$WORK/local-apiserver-memory-with.log"
  log "operator memory: creating $UNRELATED_SECRETS unrelated Secrets of 16 KiB"
  $PYTHON bench/operator/scale.py secrets "$API_SERVER" bench-memory-with "$half" 16
  $PYTHON bench/operator/scale.py secrets "$API_SERVER" bench-memory-releases "$((UNRELATED_SECRETS - half))" 16
  log "operator memory: $MEMORY_USERCOUNTERS UserCounters, $UNRELATED_SECRETS unrelated Secrets"
  measure_operator_peak with bench-memory-with
  with_peak=$PEAK_MIB
  stop_pid "$API_PID"

  record_value "unrelated Secrets" "$UNRELATED_SECRETS" ""
  record_value "operator peak RSS, no unrelated Secrets" "$without_peak" MiB
  record_value "operator peak RSS, unrelated Secrets" "$with_peak" MiB
}

# PEAK_MIB: the peak RSS of a fresh operator that reconciled MEMORY_USERCOUNTERS UserCounters in the namespace.
measure_operator_peak() { # label namespace
  start_operator "$WORK/operator-memory-$1.log"
  $PYTHON bench/operator/scale.py run "$API_SERVER" "$2" "$MEMORY_USERCOUNTERS" >/dev/null
  sleep "$MEMORY_SETTLE_S"
  PEAK_MIB=$(peak_rss_mib "$OP_PID")
  stop_pid "$OP_PID"
}
