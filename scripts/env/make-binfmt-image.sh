#!/usr/bin/env bash
# make-binfmt-image.sh - build the local stand-in for tonistiigi/binfmt:qemu-v7.0.0-28.
#
# The image (linux/amd64 only, no base image) holds:
#   /usr/bin/binfmt        entrypoint, a static C program (binfmt.c next to this script)
#   /usr/bin/qemu-aarch64  Debian's /usr/bin/qemu-aarch64-static (qemu-user-static)
#   /tmp                   mode 1777 (the status probe writes its test executables there)
# config: ENTRYPOINT ["/usr/bin/binfmt"], ENV QEMU_PRESERVE_ARGV0=1, VOLUME /tmp (as upstream),
# and a label with the content hash of everything above.
#
# It is tagged in the engine as tonistiigi/binfmt:qemu-v7.0.0-28 and pushed to
# localhost:5000/tonistiigi/binfmt:qemu-v7.0.0-28.  Nothing is pulled; it works offline.
# Idempotent: when the engine already has the image with the same content hash and the
# registry serves the same manifest digest, nothing is done.
#
# Usage: make-binfmt-image.sh [--force] [--no-push]
# Environment:
#   BINFMT_IMAGE        local name   (default tonistiigi/binfmt:qemu-v7.0.0-28)
#   BINFMT_PUSH_REF     pushed name  (default localhost:5000/$BINFMT_IMAGE)
#   BINFMT_QEMU_TARGETS qemu targets to include, space separated (default "aarch64"),
#                       each copied from /usr/bin/qemu-TARGET-static to /usr/bin/qemu-TARGET
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${BINFMT_IMAGE:-tonistiigi/binfmt:qemu-v7.0.0-28}
push_ref=${BINFMT_PUSH_REF:-localhost:5000/$image}
targets=${BINFMT_QEMU_TARGETS:-aarch64}
label=org.openkf.binfmt.content
force=0 push=1
for a in "$@"; do
  case $a in
    --force) force=1 ;;
    --no-push) push=0 ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "make-binfmt-image: unknown argument: $a" >&2; exit 1 ;;
  esac
done

t0=$(date +%s%N)
say() { printf 'make-binfmt-image: [%5d ms] %s\n' $((($(date +%s%N) - t0) / 1000000)) "$*" >&2; }
die() { printf 'make-binfmt-image: ERROR: %s\n' "$*" >&2; exit 1; }

# one build at a time on this machine
exec 9>/tmp/okf-make-binfmt-image.lock
flock 9

# --- tools (gcc -static needs libc6-dev's libc.a)
if ! command -v gcc >/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libc.a ]; then
  say "installing gcc and libc6-dev"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev >/dev/null
fi
command -v docker >/dev/null || die "docker not found"
docker info >/dev/null 2>&1 || die "the docker engine does not answer"

# --- content hash of every input
qemu_files=()
for t in $targets; do
  f=/usr/bin/qemu-$t-static
  [ -f "$f" ] || die "$f not found (apt-get install qemu-user-static)"
  qemu_files+=("$f")
done
qemu_version=$(dpkg-query -W -f='${Version}' qemu-user-static 2>/dev/null || echo unknown)
gcc_version=$(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion)
hash=$(
  {
    echo "recipe 1; image $image; targets $targets; gcc $gcc_version; qemu $qemu_version"
    sha256sum "$here/binfmt.c" "${qemu_files[@]}" | cut -d' ' -f1
  } | sha256sum | cut -c1-64
)

local_hash=$(docker image inspect --format "{{ index .Config.Labels \"$label\" }}" "$image" 2>/dev/null || true)
local_id=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)

registry_digest() {  # the digest localhost:5000 serves for $push_ref, or nothing
  local host=${push_ref%%/*} rest=${push_ref#*/}
  local repo=${rest%:*} tag=${rest##*:}
  curl -fsSI --max-time 5 \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' \
    "http://$host/v2/$repo/manifests/$tag" 2>/dev/null |
    tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}'
}

if [ "$force" = 0 ] && [ "$local_hash" = "$hash" ]; then
  if [ "$push" = 0 ] || [ "$(registry_digest)" = "$local_id" ]; then
    say "up to date: $image ($local_id, content ${hash:0:12})"
    exit 0
  fi
  say "the engine has it; the registry does not serve $local_id: pushing again"
  docker tag "$image" "$push_ref"
  docker push -q "$push_ref" >/dev/null
  say "pushed $push_ref"
  exit 0
fi

# --- build the root filesystem
work=$(mktemp -d /tmp/okf-binfmt-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root/usr/bin" "$root/tmp"
chmod 1777 "$root/tmp"
gcc -static -Os -s -Wall -Wextra -Werror \
  -DBINFMT_VERSION="\"okf-standin-${hash:0:12}\"" -DQEMU_VERSION="\"$qemu_version\"" \
  -o "$root/usr/bin/binfmt" "$here/binfmt.c"
say "compiled /usr/bin/binfmt ($(stat -c %s "$root/usr/bin/binfmt") bytes)"
for t in $targets; do
  cp "/usr/bin/qemu-$t-static" "$root/usr/bin/qemu-$t"
  chmod 0755 "$root/usr/bin/qemu-$t"
done

# --- import (reproducible tar: same files give the same layer), tag, push
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/rootfs.tar" .
docker import --platform linux/amd64 \
  -c 'ENTRYPOINT ["/usr/bin/binfmt"]' \
  -c 'ENV QEMU_PRESERVE_ARGV0=1' \
  -c 'VOLUME /tmp' \
  -c "LABEL $label=$hash" \
  -m "okf stand-in for tonistiigi/binfmt (qemu $qemu_version)" \
  "$work/rootfs.tar" "$image" >/dev/null
id=$(docker image inspect --format '{{.Id}}' "$image")
say "imported $image ($id)"
if [ "$push" = 1 ]; then
  docker tag "$image" "$push_ref"
  docker push -q "$push_ref" >/dev/null
  say "pushed $push_ref"
fi
