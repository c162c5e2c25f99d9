#!/usr/bin/env bash
# Builds a stand-in for the image's base (eclipse-temurin JRE) as a `docker save` tarball, from the
# JDK that runs the build, so the image can be built and run by the tests where no registry is
# reachable:   scripts/image-test-base.sh OUT.tar
# Jib reads it with `tar://OUT.tar`. Like the real base it has a Java runtime at /opt/java/openjdk
# (JAVA_HOME, and on PATH), so the image's entry point (`java ...`) resolves the same way; unlike
# it, there is no distribution beneath: only the C libraries that runtime links against, which is
# enough to run it in a chroot. The runtime is jlink'd from the build's JDK (21 or newer), so it
# is that JDK's version, not the base image's 21.
set -euo pipefail

out=${1:?usage: image-test-base.sh OUT.tar}
jdk=${JAVA_HOME:?JAVA_HOME must name a JDK 21 or newer}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt/java" "$root/tmp" "$root/proc"
chmod 1777 "$root/tmp"

# The modules a JRE image carries that meshwatch and its drivers use (TLS, JMX, zip file systems,
# DNS for gRPC, Unsafe for Netty and Arrow).
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.net,jdk.localedata \
  --strip-debug --no-man-pages --no-header-files --output "$root/opt/java/openjdk"

# The host libraries the runtime's executables and shared objects need (the loader included).
find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | grep -oE '(/[^ ]+)' | grep -v "^$root" | sort -u \
  | while read -r lib; do
      [ -e "$lib" ] && cp --parents -L "$lib" "$root"
    done

# Reproducible layer: fixed owner, order and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
EOF
echo '[{"Config":"config.json","RepoTags":["meshwatch-test-base:local"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf "$out" manifest.json config.json layer.tar
