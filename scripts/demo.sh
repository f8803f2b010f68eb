#!/usr/bin/env bash
# `make demo`, after the build: starts the local stack, creates the example's database, applies
# examples/demo.yaml, waits until the UserCounter is Ready, creates and increments a user through its Service,
# and prints `demo is ready at http://127.0.0.1:PORT` and the kubeconfig path. `make demo-down` stops it all.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/java25.sh
manifest=examples/demo.yaml
launcher=e2e/target/e2e-0.1.0-SNAPSHOT.jar

bash scripts/local-stack.sh up

# the app migrates its schema but needs the database itself to exist, as a DBA would provide it
database=$(awk '$1 == "database:" { print $2; exit }' "$manifest")
[ -n "$database" ] || { echo "demo: no mysql database named in $manifest" >&2; exit 1; }
mysql --protocol=tcp -h 127.0.0.1 -P 3306 -uusercounter -pusercounter \
  -e "CREATE DATABASE IF NOT EXISTS \`$database\`"

java -jar "$launcher" demo "$manifest"

if command -v kubectl >/dev/null; then
  kubectl --kubeconfig .local-stack/kubeconfig get uc -A
fi
