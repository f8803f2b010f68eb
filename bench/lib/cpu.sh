# shellcheck shell=bash
# CPU time per request of the app, Redis and MariaDB over one scenario: utime + stime of each process
# (every thread, /proc/<pid>/stat) before and after, divided by the scenario's requests. Redis and
# MariaDB are the machine's shared servers: work other clients give them in those seconds counts too.

CPU_TSV=   # set by run.sh: name, app us, Redis us, MariaDB us (per request)
CLOCK_TICKS=$(getconf CLK_TCK)
STORE_REDIS_PID='' STORE_MARIADB_PID=''   # set by find_store_pids
declare -A CPU_BEFORE

redis_pid() { redis info server | tr -d '\r' | sed -n 's/^process_id://p'; }

mariadb_pid() {
  local file
  file=$(sql mysql 'SELECT @@pid_file' 2>/dev/null || true)
  if [ -n "$file" ] && [ -r "$file" ]; then cat "$file"; else pgrep -o -x mariadbd || pgrep -o -x mysqld || true; fi
}

# Busy ticks of a process (fields 14 and 15, counted after the ")" that ends its name), or "-" without one.
cpu_ticks() { # pid
  local stat
  if [ -z "$1" ] || ! stat=$(cat "/proc/$1/stat" 2>/dev/null); then echo -; return; fi
  awk '{ print $12 + $13 }' <<<"${stat##*) }"
}

cpu_sample() { # app name or "" (no app)
  local pid=''
  if [ -n "$1" ]; then pid=${APP_PID[$1]}; fi
  echo "$(cpu_ticks "$pid") $(cpu_ticks "$STORE_REDIS_PID") $(cpu_ticks "$STORE_MARIADB_PID")"
}

cpu_begin() { # scenario name, app name or ""
  CPU_BEFORE[$1]="$2|$(cpu_sample "$2")"
}

# Records microseconds of CPU per request for each process; "-" where a process was not part of it.
cpu_end() { # scenario name, requests
  local app=${CPU_BEFORE[$1]%%|*} before=${CPU_BEFORE[$1]#*|}
  [ -n "$CPU_TSV" ] || return 0
  awk -v name="$1" -v n="$2" -v hz="$CLOCK_TICKS" -v before="$before" -v after="$(cpu_sample "$app")" 'BEGIN {
      split(before, b, " "); split(after, a, " ")
      printf "%s", name
      for (i = 1; i <= 3; i++) {
        if (b[i] == "-" || a[i] == "-" || n + 0 == 0) printf "\t-"
        else printf "\t%.1f", (a[i] - b[i]) / hz * 1e6 / n
      }
      printf "\n"
    }' >>"$CPU_TSV"
}

find_store_pids() {
  STORE_REDIS_PID=$(redis_pid)
  STORE_MARIADB_PID=$(mariadb_pid)
  [ -r "/proc/${STORE_REDIS_PID:-0}/stat" ] || log "no Redis process found here: its CPU column stays empty"
  [ -r "/proc/${STORE_MARIADB_PID:-0}/stat" ] || log "no MariaDB process found here: its CPU column stays empty"
}
