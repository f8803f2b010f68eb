#!/usr/bin/env bash
# The local stack (docs/architecture.md), in the background: the mock API server (kubeconfig in .local-stack/kubeconfig),
# the CRD from crds/, the real operator with server-side apply off, and the supervisor (a kubelet test double)
# running the real counter-app jar per replica. Pid files and logs live in .local-stack/.
#   scripts/local-stack.sh up       start it (restarting a running one), after making sure Redis/MariaDB run
#   scripts/local-stack.sh down     stop exactly the processes `up` started
#   scripts/local-stack.sh status   one line per component
#   scripts/local-stack.sh apply FILE...   create or update the objects of YAML files (no kubectl needed)
# It builds nothing: run `mvn -B -DskipTests package` first. LOCAL_STACK_DIR moves .local-stack elsewhere;
# SUPERVISOR_CONTAINERS=podman runs each replica as its image in podman (`make images` first; e2e/README.md).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/java25.sh
launcher=e2e/target/e2e-0.1.0-SNAPSHOT.jar

usage() { echo "usage: $0 up | down | status | apply FILE..." >&2; exit 2; }

[ $# -ge 1 ] || usage
if [ ! -f "$launcher" ]; then
  echo "local-stack: $launcher not found; run \`mvn -B -DskipTests package\` first" >&2
  exit 1
fi

case "$1" in
  up)
    bash scripts/local-services.sh
    exec java -jar "$launcher" up
    ;;
  down | status | apply)
    exec java -jar "$launcher" "$@"
    ;;
  *) usage ;;
esac
