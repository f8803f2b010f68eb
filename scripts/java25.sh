#!/usr/bin/env bash
# Finds a JDK 25 (the build's `maven.compiler.release`), so that no script depends on the machine's default java.
# Looks at JAVA_HOME, then /usr/lib/jvm/*25*, then the `java` on PATH; a JDK means bin/java and bin/javac.
#   . scripts/java25.sh      exports JAVA_HOME and puts its bin first on PATH (the scripts and .ci/run do this)
#   bash scripts/java25.sh   prints that JAVA_HOME (the Makefile reads it); either way, without one it fails
#                            with a single line naming what to install

java25_major() { # JAVA_HOME candidate -> its java.specification.version, empty when not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2; exit }'
}

java25_find() {
  local candidate on_path
  on_path=$(command -v java 2>/dev/null) && on_path=$(dirname "$(dirname "$(readlink -f "$on_path")")")
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* "$on_path"; do
    [ -n "$candidate" ] && [ "$(java25_major "$candidate")" = 25 ] && { printf '%s\n' "$candidate"; return 0; }
  done
  echo "java25: no JDK 25 found in JAVA_HOME, /usr/lib/jvm/*25* or on PATH; install one (e.g. apt-get install temurin-25-jdk, or openjdk-25-jdk)" >&2
  return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  java25_find
else
  JAVA_HOME=$(java25_find) || exit 1
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
fi
