#!/usr/bin/env bash
# Deletes the kind cluster e2e/kind/run.sh created (after KEEP_CLUSTER=1).
set -euo pipefail
kind delete cluster --name usercounter-e2e
