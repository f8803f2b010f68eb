"""Operator scale: creates COUNT UserCounters in a fresh namespace of the local API server and times
until every one has its Deployment (the operator's last dependent to appear).

  python3 bench/operator/scale.py crd SERVER CRD_YAML          create the CRD
  python3 bench/operator/scale.py run SERVER NAMESPACE COUNT   prints "RESULT count=.. seconds=.."
  python3 bench/operator/scale.py secrets SERVER NAMESPACE COUNT KIB
                                                     COUNT Secrets of KIB KiB each that no UserCounter references
"""
import base64
import concurrent.futures
import json
import os
import sys
import time
import urllib.error
import urllib.request

CREATORS = 4
TIMEOUT_S = 600


def call(server, method, path, body=None, conflict_ok=False):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as e:
        if conflict_ok and e.code == 409:
            return {}
        sys.exit(f"{method} {path} answered {e.code}: {e.read()[:300]!r}")


def create_crd(server, crd_file):
    import yaml  # python3-yaml; only needed here
    with open(crd_file) as f:
        crd = yaml.safe_load(f)
    call(server, "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)


def user_counter(namespace, name):
    return {
        "apiVersion": "usercounter.io/v1alpha1", "kind": "UserCounter",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "consistency": "Eventual", "syncInterval": "5s",
            "redis": {"host": "127.0.0.1", "port": 6379},
            "mysql": {"host": "127.0.0.1", "port": 3306, "database": "counters_" + name.replace("-", "_"),
                      "credentialsSecretRef": {"name": "mysql-creds", "usernameKey": "username",
                                               "passwordKey": "password"}},
        },
    }


def deployments(server, namespace):
    listed = call(server, "GET", f"/apis/apps/v1/namespaces/{namespace}/deployments")
    return len(listed.get("items") or [])


def create_namespace(server, namespace):
    call(server, "POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace",
                                               "metadata": {"name": namespace}}, conflict_ok=True)


def unrelated_secrets(server, namespace, count, kib):
    """Like Helm's release Secrets: many, large, and none of the operator's business."""
    create_namespace(server, namespace)
    payload = base64.b64encode(os.urandom(kib * 1024)).decode()
    path = f"/api/v1/namespaces/{namespace}/secrets"

    def create(n):
        call(server, "POST", path, {"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
                                    "metadata": {"name": f"sh.helm.release.v1.unrelated-{n}.v1",
                                                 "namespace": namespace},
                                    "data": {"release": payload}})
    with concurrent.futures.ThreadPoolExecutor(CREATORS) as pool:
        list(pool.map(create, range(count)))


def run(server, namespace, count):
    create_namespace(server, namespace)
    call(server, "POST", f"/api/v1/namespaces/{namespace}/secrets", {
        "apiVersion": "v1", "kind": "Secret", "metadata": {"name": "mysql-creds", "namespace": namespace},
        "stringData": {"username": "usercounter", "password": "usercounter"}})
    path = f"/apis/usercounter.io/v1alpha1/namespaces/{namespace}/usercounters"
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CREATORS) as pool:
        list(pool.map(lambda n: call(server, "POST", path, user_counter(namespace, f"uc-{n}")), range(count)))
    while deployments(server, namespace) < count:
        elapsed = time.monotonic() - started
        if elapsed > TIMEOUT_S:
            sys.exit(f"only {deployments(server, namespace)} of {count} Deployments after {TIMEOUT_S}s")
        # listing costs the API server CPU the operator needs: poll at 2% of the elapsed time (0.1s..1s)
        time.sleep(min(1.0, max(0.1, elapsed * 0.02)))
    print(f"RESULT count={count} seconds={time.monotonic() - started:.3f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "crd":
        create_crd(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 6 and sys.argv[1] == "secrets":
        unrelated_secrets(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
