#!/usr/bin/env bash
# `make e2e-kind`: the end-to-end suite on a real cluster. Creates (or reuses) the kind cluster
# "usercounter-e2e" with ingress-nginx, builds both images and loads them into the cluster, deploys Redis and
# MySQL (stores.yaml), installs the operator with the Helm chart, then runs the same JUnit suite as the local
# stack with E2E_TARGET=kind. Needs docker, kind, kubectl, helm and Maven.
# KEEP_CLUSTER=1 leaves the cluster running afterwards; e2e/kind/down.sh deletes it.
set -euo pipefail

cd "$(dirname "$0")/../.."
cluster=usercounter-e2e
tag=e2e
ingress_nginx=https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.1/deploy/static/provider/kind/deploy.yaml
kubeconfig="$PWD/e2e/target/kind-kubeconfig"
export KUBECONFIG="$kubeconfig"

for tool in docker kind kubectl helm; do
  command -v "$tool" >/dev/null || { echo "e2e-kind: $tool is required" >&2; exit 1; }
done
mkdir -p e2e/target

if ! kind get clusters | grep -qx "$cluster"; then
  kind create cluster --name "$cluster" --config e2e/kind/cluster.yaml --kubeconfig "$kubeconfig"
  kubectl apply -f "$ingress_nginx"
fi
kind export kubeconfig --name "$cluster" --kubeconfig "$kubeconfig"
kubectl -n ingress-nginx wait --for=condition=Available deployment/ingress-nginx-controller --timeout=180s

for module in counter-app operator; do
  # the Dockerfiles build their module from the repository root (multi-stage, Maven inside)
  docker build -t "usercounter/$module:$tag" -f "$module/Dockerfile" .
  kind load docker-image --name "$cluster" "usercounter/$module:$tag"
done

kubectl apply -f e2e/kind/stores.yaml
kubectl -n e2e-infra rollout status deployment/redis deployment/mysql --timeout=300s

helm upgrade --install usercounter-operator helm/usercounter-operator \
  --namespace usercounter-system --create-namespace \
  --set image.repository=usercounter/operator --set image.tag="$tag" --set image.pullPolicy=Never \
  --set counterAppImage="usercounter/counter-app:$tag" \
  --wait --timeout 180s

status=0
# -am: the e2e module lists the other modules for reactor order; -Dtest=NONE skips their unit tests here
E2E_TARGET=kind mvn -B -pl e2e -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -De2e.target=kind || status=$?

if [ "${KEEP_CLUSTER:-0}" != 1 ]; then
  kind delete cluster --name "$cluster"
fi
exit "$status"
