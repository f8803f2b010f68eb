#!/usr/bin/env bash
# `make e2e-kind`: the end-to-end suite on a real cluster. Creates (or reuses) the kind cluster
# "usercounter-e2e" with ingress-nginx, builds both images and loads them into the cluster, deploys Redis and
# MySQL (stores.yaml), applies the CRD, installs the operator with the Helm chart, then runs the lifecycle
# suite with E2E_TARGET=kind. Needs docker, kind, kubectl, helm and Maven.
#
#   e2e/kind/run.sh            run it
#   e2e/kind/run.sh --dry-run  print every command it would run, run none (checked by make test)
#
# KEEP_CLUSTER=1 leaves the cluster running afterwards; e2e/kind/down.sh deletes it.
set -euo pipefail

cd "$(dirname "$0")/../.."
cluster=usercounter-e2e
tag=e2e
# tested versions: the node image of kind v0.27.0 for Kubernetes 1.32, and the ingress-nginx release made for kind
node_image=kindest/node:v1.32.2@sha256:f226345927d7e348497136874b6d207e0b32cc52154ad8323129352923a3142f
ingress_nginx=https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.1/deploy/static/provider/kind/deploy.yaml
kubeconfig="$PWD/e2e/target/kind-kubeconfig"
export KUBECONFIG="$kubeconfig"

dry_run=0
case "${1:-}" in
  --dry-run) dry_run=1 ;;
  "") ;;
  *) echo "e2e-kind: unknown argument '$1' (only --dry-run)" >&2; exit 2 ;;
esac

# Every command that changes something goes through run, so the dry run prints exactly what a run does.
run() {
  if [ "$dry_run" = 1 ]; then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

cluster_exists() {
  [ "$dry_run" = 0 ] && kind get clusters | grep -qx "$cluster"
}

if [ "$dry_run" = 0 ]; then
  # the suite and the images are Java 25
  # shellcheck source=/dev/null
  source scripts/java25.sh
  for tool in docker kind kubectl helm mvn; do
    command -v "$tool" >/dev/null || { echo "e2e-kind: $tool is required" >&2; exit 1; }
  done
fi
run mkdir -p e2e/target

if ! cluster_exists; then
  run kind create cluster --name "$cluster" --image "$node_image" --config e2e/kind/cluster.yaml --kubeconfig "$kubeconfig"
  run kubectl apply -f "$ingress_nginx"
fi
run kind export kubeconfig --name "$cluster" --kubeconfig "$kubeconfig"
run kubectl -n ingress-nginx wait --for=condition=Available deployment/ingress-nginx-controller --timeout=180s

# the Dockerfiles package the jars Maven built (.dockerignore lets only those two out of target/)
run mvn -B -q -DskipTests -pl counter-app,operator -am package
for module in counter-app operator; do
  run docker build -t "usercounter/$module:$tag" -f "$module/Dockerfile" .
  run kind load docker-image --name "$cluster" "usercounter/$module:$tag"
done

run kubectl apply -f e2e/kind/stores.yaml
run kubectl -n e2e-infra rollout status deployment/redis deployment/mysql --timeout=300s

# Helm installs crds/ once and never upgrades it: a reused cluster gets the current CRD here, server-side
run kubectl apply --server-side --force-conflicts -f crds/
run helm upgrade --install usercounter-operator helm/usercounter-operator \
  --namespace usercounter-system --create-namespace \
  --set image.repository=usercounter/operator --set image.tag="$tag" --set image.pullPolicy=Never \
  --set counterAppImage="usercounter/counter-app:$tag" \
  --wait --timeout 180s

status=0
# -am builds the modules e2e depends on; -Dtest=NONE skips their unit tests and -Dit.test picks the one failsafe
# suite that runs against the cluster (the app's jar test needs a local Redis and MariaDB this target never starts)
run env E2E_TARGET=kind mvn -B -pl e2e -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=UserCounterLifecycleIT -Dfailsafe.failIfNoSpecifiedTests=false -De2e.target=kind || status=$?

if [ "${KEEP_CLUSTER:-0}" != 1 ]; then
  run kind delete cluster --name "$cluster"
fi
exit "$status"
