# shellcheck shell=bash
# Scenario results (one TSV line each) and the final table of ratios against the targets of bench/README.md.

RESULTS_TSV=   # set by run.sh: name, requests, seconds, req/s, p50 ms, p99 ms, note

# Parses a "RESULT requests=.. duration_us=.. p50_us=.. p99_us=.. [status_errors=..]" line into one
# results row; requests answered with a non-2xx status do not count.
record_result() { # name, RESULT line, note
  local name=$1 line=$2 note=${3:-}
  awk -v name="$name" -v note="$note" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      seconds = v["duration_us"] / 1e6
      ok = v["requests"] - v["status_errors"]
      printf "%s\t%d\t%.3f\t%.1f\t%.2f\t%.2f\t%s\n", name, ok, seconds,
        (seconds > 0 ? ok / seconds : 0), v["p50_us"] / 1000, v["p99_us"] / 1000, note
    }' <<<"$line" >>"$RESULTS_TSV"
}

record_value() { # name, value, unit
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$VALUES_TSV"
}

field() { # scenario name, column (2 requests, 3 seconds, 4 req/s)
  awk -F'\t' -v name="$1" -v col="$2" '$1 == name { print $col }' "$RESULTS_TSV"
}

value() { # name
  awk -F'\t' -v name="$1" '$1 == name { print $2 }' "$VALUES_TSV"
}

# With the CPU time per request (bench/lib/cpu.sh) of each process, "-" where it took no part.
scenario_table() {
  echo "| scenario | requests | seconds | req/s | p50 ms | p99 ms | CPU µs/request: app | Redis | MariaDB | note |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'FILENAME == ARGV[1] { cpu[$1] = $2 " | " $3 " | " $4; next }
    { printf "| %s | %d | %.1f | %.0f | %.2f | %.2f | %s | %s |\n", $1, $2, $3, $4, $5, $6,
        ($1 in cpu ? cpu[$1] : "- | - | -"), $7 }' "$CPU_TSV" "$RESULTS_TSV"
}

# One row: what, numerator, denominator, target operator (>= or <=, or - for "reported"), target value.
ratio_row() { # label, numerator, denominator, how the ratio is formed, op, target
  awk -v label="$1" -v num="$2" -v den="$3" -v how="$4" -v op="$5" -v target="$6" 'BEGIN {
      if (den + 0 == 0) { printf "| %s | n/a | %s | %s | no data |\n", label, how, op == "-" ? "reported" : op " " target; exit }
      r = num / den
      verdict = op == "-" ? "reported" : ((op == ">=" ? r >= target : r <= target) ? "met" : "MISSED")
      printf "| %s | %.2f | %s | %s | %s |\n", label, r, how, op == "-" ? "reported every run" : op " " target, verdict
    }'
}

ratio_table() {
  local floor eventual_many eventual_hot strong_many strong_hot redis_incr raw_many raw_hot
  floor=$(field "no-op floor" 4)
  eventual_many=$(field "Eventual increment, many users" 4)
  eventual_hot=$(field "Eventual increment, hot user" 4)
  strong_many=$(field "Strong increment, many users" 4)
  strong_hot=$(field "Strong increment, hot user" 4)
  redis_incr=$(field "redis-benchmark INCR" 4)
  raw_many=$(field "raw MariaDB UPDATE, many rows" 4)
  raw_hot=$(field "raw MariaDB UPDATE, hot row" 4)
  local small large small_n large_n
  small=$(value "operator seconds, small"); small_n=$(value "operator resources, small")
  large=$(value "operator seconds, large"); large_n=$(value "operator resources, large")
  local scaled_small
  scaled_small=$(awk -v s="$small" -v sn="$small_n" -v ln="$large_n" 'BEGIN { print (sn > 0 ? s * ln / sn : 0) }')

  echo "| scenario | ratio | measured as | target | verdict |"
  echo "|---|---:|---|---|---|"
  ratio_row "Eventual increment, many users" "$eventual_many" "$floor" "$(fmt "$eventual_many") ÷ no-op $(fmt "$floor") req/s" ">=" 0.65
  ratio_row "Eventual increment, hot user" "$eventual_hot" "$floor" "$(fmt "$eventual_hot") ÷ no-op $(fmt "$floor") req/s" ">=" 0.65
  ratio_row "Eventual vs raw Redis" "$eventual_many" "$redis_incr" "$(fmt "$eventual_many") ÷ INCR $(fmt "$redis_incr") req/s" "-" 0
  ratio_row "Strong increment, many keys" "$strong_many" "$raw_many" "$(fmt "$strong_many") ÷ raw $(fmt "$raw_many") req/s" ">=" 0.5
  ratio_row "Strong increment, one hot key" "$strong_hot" "$raw_hot" "$(fmt "$strong_hot") ÷ raw hot row $(fmt "$raw_hot") req/s" ">=" 1.2
  local strong_p99 strong_p50
  strong_p99=$(field "Strong increment, many users" 6); strong_p50=$(field "Strong increment, many users" 5)
  ratio_row "Strong increment, many keys, p99 latency (ms)" "$strong_p99" 1 "p99 of the scenario (p50 ${strong_p50} ms)" "<=" 25
  flush_rows
  ratio_row "Operator scale" "$large" "$scaled_small" "${large}s for ${large_n} ÷ (${large_n}/${small_n} × ${small}s for ${small_n})" "<=" 1.2
  ratio_row "Operator peak memory (MiB)" "$(value "operator peak RSS")" 1 "VmHWM of the operator process" "<=" 300
  local mem_without mem_with
  mem_without=$(value "operator peak RSS, no unrelated Secrets"); mem_with=$(value "operator peak RSS, unrelated Secrets")
  ratio_row "Operator memory, $(value "unrelated Secrets") unrelated Secrets" "$mem_with" "$mem_without" "VmHWM ${mem_with} MiB ÷ ${mem_without} MiB without them" "<=" 1.2
}

# The flush ÷ raw upsert ratio of each round, "flush s÷raw s=ratio" on a line each.
flush_round_ratios() {
  local round flush raw
  for round in $(seq "$FLUSH_ROUNDS"); do
    flush=$(field "flush (POST /api/v1/sync), round $round" 3); raw=$(field "raw multi-row upsert, round $round" 3)
    awk -v f="$flush" -v r="$raw" 'BEGIN { if (f != "" && r + 0 > 0) printf "%.3f %.3f %.2f\n", f, r, f / r }'
  done
}

flush_rows() {
  local n rounds median_ratio median_flush large large_n
  n=$(value "flush counters")
  rounds=$(flush_round_ratios)
  median_ratio=$(awk '{ print $3 }' <<<"$rounds" | median)
  median_flush=$(awk '{ print $1 }' <<<"$rounds" | median)
  # no data (n/a) when every round failed
  ratio_row "Flush of $n counters ÷ one raw $n-row upsert (median of $FLUSH_ROUNDS rounds)" "${median_ratio:-0}" "$([ -n "$median_ratio" ] && echo 1 || echo 0)" \
    "rounds (flush s ÷ upsert s): $(awk 'NF == 3 { printf "%s%s÷%s=%s", (NR > 1 ? ", " : ""), $1, $2, $3 }' <<<"$rounds")" "<=" 1.5
  large_n=$(value "flush counters, large")
  large=$(field "flush (POST /api/v1/sync), $large_n counters" 3)
  # no data (n/a) when the large flush failed: its row is then named "... (failed)"
  ratio_row "Flush of $large_n ÷ ($((large_n / n)) × flush of $n)" "$large" \
    "$(awk -v m="${median_flush:-0}" -v k=$((large_n / n)) -v l="$large" 'BEGIN { print (l == "" ? 0 : m * k) }')" \
    "${large}s ÷ ($((large_n / n)) × median ${median_flush}s)" "<=" 1.2
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

fmt() { awk -v n="$1" 'BEGIN { printf "%.0f", n }'; }

# Replaces the generated part of RESULTS.md between one pair of markers (bench by default, a comparison's
# own otherwise), keeping the hand-written notes and the other pairs; missing markers are appended.
write_results_md() { # file, generated markdown, [marker name]
  local file=$1 generated=$2 begin="<!-- ${3:-bench}:begin -->" end="<!-- ${3:-bench}:end -->"
  if [ ! -f "$file" ]; then
    # shellcheck disable=SC2016 # the backquotes are Markdown
    printf '# Benchmark results\n\nWritten by `make bench` (bench/run.sh) between the markers below; notes outside them are kept.\n' >"$file"
  fi
  grep -qF "$begin" "$file" || printf '\n%s\n%s\n' "$begin" "$end" >>"$file"
  printf '%s\n' "$generated" >"$file.generated"
  awk -v begin="$begin" -v end="$end" -v body="$file.generated" '
    $0 == begin { print; while ((getline line < body) > 0) print line; skipping = 1; next }
    $0 == end { skipping = 0 }
    !skipping { print }' "$file" >"$file.new"
  mv "$file.new" "$file"
  rm -f "$file.generated"
}
