#!/usr/bin/env bash
# Redis' cost of one Eventual increment, add-pending.lua alone, on a redis-server of its own (so no other
# client's work is counted): the commands the script runs per increment (INFO commandstats) and Redis CPU per
# increment (INFO cpu, user + sys), in the steady state (one counter whose pending amount is never zero, a
# request token per increment, as the app sends without an Idempotency-Key). Each given git ref's script is
# measured ROUNDS times, alternating, with redis-benchmark sending INCREMENTS EVALSHAs (-c 8 -P 16).
# CPU time drifts with what else the machine runs; with CALLGRIND=1 redis-server runs under valgrind's
# callgrind and each round also gives the instructions Redis executed per increment, which do not drift.
#   bench/add-pending-cost.sh main WORKTREE     (WORKTREE: the script in the working tree)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
INCREMENTS=${INCREMENTS:-200000}
LUA=counter-app/src/main/resources/lua
[ $# -gt 0 ] || set -- main WORKTREE

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server_command=(redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work")
if [ "${CALLGRIND:-0}" = 1 ]; then
  server_command=(valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/callgrind.out" "${server_command[@]}")
fi
"${server_command[@]}" >"$work/redis.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
cli() { redis-cli -p "$port" "$@"; }
until cli ping >/dev/null 2>&1; do sleep 0.1; done

file_at() { # ref, file under $LUA
  if [ "$1" = WORKTREE ]; then cat "$LUA/$2"; else git show "$1:$LUA/$2"; fi
}

# add-pending.lua as LuaScript resolves it: each "--!include FILE" line replaced by FILE's text (today's
# scripts), or counter-state.lua prepended (5f75cac and before, whose scripts had no include lines)
source_of() { # ref
  local line
  if ! file_at "$1" add-pending.lua | grep -q '^--!include '; then
    printf '%s\n%s' "$(file_at "$1" counter-state.lua)" "$(file_at "$1" add-pending.lua)"
    return
  fi
  while IFS= read -r line; do
    if [[ "$line" == "--!include "* ]]; then file_at "$1" "${line#--!include }"; else printf '%s\n' "$line"; fi
  done < <(file_at "$1" add-pending.lua)
}

# callgrind counts instructions only between these two (its dump's "totals:" line, zeroed before each round)
instructions_on() { [ "${CALLGRIND:-0}" = 1 ] || return 0; callgrind_control -z "$server" >/dev/null 2>&1; callgrind_control -i on "$server" >/dev/null 2>&1; }
instructions_off() {
  [ "${CALLGRIND:-0}" = 1 ] || return 0
  callgrind_control -i off "$server" >/dev/null 2>&1
  rm -f "$work"/callgrind.out.*
  callgrind_control -d "$server" >/dev/null 2>&1
  local total
  total=$(cat "$work"/callgrind.out.* | awk '/^totals:/ { print $2; exit }')
  echo "           Redis user-space instructions per increment: $((total / INCREMENTS))"
}

cpu() { cli info cpu | tr -d '\r' | awk -F: '/^used_cpu_(user|sys):/ { s += $2 } END { printf "%.6f", s }'; }

measure() { # ref, round
  local sha user=$2 before after
  sha=$(cli script load "$(source_of "$1")")
  # a cached snapshot, and one first increment, so every timed one finds pending above zero
  cli hset "{b:0}:db:$user" v 0 ver 1 aseq 0 >/dev/null
  cli pexpire "{b:0}:db:$user" 600000 >/dev/null
  local args=(4 "{b:0}:db:$user" "{b:0}:q:$user" "{b:0}:dirty" "{b:0}:idem:$user:request token __rand_int__" "$user" 1)
  # add-pending.lua of 5f75cac and before took a use-the-key flag (always 1) as its third ARGV
  if grep -q 'ARGV\[7\]' <<<"$(source_of "$1")"; then args+=(1); fi
  args+=(20000 600000 9007199254740991 0)
  cli evalsha "$sha" "${args[@]}" >/dev/null
  cli config resetstat >/dev/null
  instructions_on
  before=$(cpu)
  redis-benchmark -p "$port" -c 8 -P 16 -n "$INCREMENTS" -r 1000000000 -q evalsha "$sha" "${args[@]}" >"$work/bench.out"
  after=$(cpu)
  cli info commandstats | tr -d '\r' | awk -F'[:,=]' -v ref="$1" -v used="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" '
    /^cmdstat_evalsha:/ { calls = $3; script_us = $5 }
    /^cmdstat_/ && !/^cmdstat_(evalsha|info|config)/ { name = substr($1, 9); per[name] = $3 }
    END {
      list = ""
      for (name in per) { list = list sprintf(" %s=%.2f", name, per[name] / calls); total += per[name] }
      printf "%-10s commands/increment %.2f (%s), Redis CPU %.2f us/increment, script %.2f us/call\n",
        ref, total / calls, substr(list, 2), used * 1e6 / calls, script_us / calls
    }'
  grep -o '[0-9.]* requests per second' "$work/bench.out" | sed "s/^/           /"
  instructions_off
}

for round in $(seq "$ROUNDS"); do
  for ref in "$@"; do
    measure "$ref" "$round"
  done
done
