#!/usr/bin/env bash
# `make images`: builds counter-app/Dockerfile and operator/Dockerfile with podman from the jars Maven built, tagged
# ghcr.io/usercounter/<name>:<version> (the Maven version without -SNAPSHOT, as the Helm chart and the operator's
# default app image name it), and prints each image's size. No registry is reachable here, so the Dockerfiles'
# public base image is replaced (BASE_IMAGE) by the one scripts/base-image.sh makes and caches.
# Installs podman, runc and debootstrap when absent (as root). It builds no jar: `make images` runs Maven first.
#   scripts/images.sh                 both images
#   BASE_IMAGE=eclipse-temurin:25-jre scripts/images.sh    with a pullable base instead
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'images: %s\n' "$*" >&2; }
die() { printf 'images: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}

missing=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

maven_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
VERSION=${maven_version%-SNAPSHOT}
REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
BASE_IMAGE=${BASE_IMAGE:-$(as_root bash scripts/base-image.sh | tail -1)}

for jar in "counter-app/target/counter-app-$maven_version.jar" "operator/target/operator-$maven_version.jar"; do
  [ -f "$jar" ] || die "$jar not found; run \`mvn -B -DskipTests package\` first (make images does)"
done

# the runtime must be runc, and a container may not raise these limits here (README.md, Images)
podman=(as_root podman --runtime runc)
for module in counter-app:counter-app operator:usercounter-operator; do
  dir=${module%%:*} image=ghcr.io/usercounter/${module#*:}:$VERSION
  log "building $image from $dir/Dockerfile on $BASE_IMAGE"
  # no layer cache: each build copies a new jar anyway, and cached stages would pile up on every run
  "${podman[@]}" build --quiet --layers=false --network host --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION" \
    -f "$dir/Dockerfile" -t "$image" . >/dev/null
  # the image this tag named before, now untagged
  "${podman[@]}" image prune -f --filter "label=org.opencontainers.image.title=${module#*:}" >/dev/null
  printf 'images: %s %s\n' "$image" "$("${podman[@]}" image inspect --format '{{.Size}}' "$image" | numfmt --to=si --suffix=B)"
done
