#!/usr/bin/env bash
# The base image `make images` builds on where no image registry is reachable: Debian (debootstrap --variant=minbase,
# from the machine's Debian mirror) plus a Java 25 runtime jlinked from the build's JDK, at /opt/java/openjdk as in
# eclipse-temurin:25-jre. Prints the image's name on its last line. The tag is a hash of everything that goes into
# the image (suite, mirror, JDK release, modules, this script), so a second run finds it and builds nothing.
#   scripts/base-image.sh     needs root and podman (scripts/images.sh installs podman, runc and debootstrap)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/java25.sh

SUITE=$(sed -n "s/^VERSION_CODENAME=//p" /etc/os-release 2>/dev/null)
SUITE=${SUITE:-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# what Spring Boot (Tomcat, HikariCP, Lettuce/Netty, Flyway, Micrometer), fabric8 and the operator's
# com.sun.net.httpserver health port use, plus JFR and jcmd's attach for diagnosis; no compiler, no jar tool
MODULES=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,\
java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.attach,jdk.crypto.cryptoki,\
jdk.httpserver,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata

log() { printf 'base-image: %s\n' "$*" >&2; }

key=$({ echo "$SUITE $MIRROR $MODULES"; cat "$JAVA_HOME/release" scripts/base-image.sh; } | sha256sum | cut -c1-12)
image=localhost/usercounter/java-runtime:25-$SUITE-$key
if podman --runtime runc image exists "$image"; then
  log "cached: $image"
  echo "$image"
  exit 0
fi

work=$(mktemp -d /var/tmp/usercounter-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
log "debootstrap --variant=minbase $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
log "jlink of $JAVA_HOME"
jlink --add-modules "$MODULES" --include-locales=en --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$rootfs/opt/java/openjdk"
# package caches, docs and logs are of no use in a runtime image
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
tar -C "$rootfs" --numeric-owner -c . | podman --runtime runc import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["java", "-version"]' \
  - "$image" >/dev/null
# the bases of earlier inputs are of no further use
podman --runtime runc images --format '{{.Repository}}:{{.Tag}}' "${image%:*}" | grep -vxF "$image" \
  | xargs -r podman --runtime runc rmi >/dev/null 2>&1 || true
log "built $image"
echo "$image"
