#!/usr/bin/env bash
# make-action-base-images.sh - local stand-ins for the images the action's Dockerfile names
# in its ARGs, made offline, once per machine (nothing can be pulled here):
#
#   debian:bookworm-slim  a debootstrap --variant=minbase bookworm rootfs (also act's job image)
#   docker:28-cli         the host's docker CLI at /usr/local/bin/docker and its buildx plugin
#                         at /usr/local/libexec/docker/cli-plugins/docker-buildx (as upstream)
#   swift:6.3-bookworm    debian:bookworm-slim + the packages the official swift image has +
#                         the host's Swift toolchain at /opt/swift (PATH set)
#
# Where a public registry can be reached (a GitHub runner), the real images are pulled
# instead and nothing is made. An image the engine already has without the stand-in label
# (a real one) is kept. A stand-in carries the label org.openkf.stand-in=<content key>; one
# with the same key is kept, so later runs take a second. --force remakes the stand-ins.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=setup-environment.sh
source "$here/setup-environment.sh"
force=0
[[ ${1:-} == --force ]] && force=1

DEBIAN_IMAGE=debian:bookworm-slim
DOCKER_CLI_IMAGE=docker:28-cli
SWIFT_IMAGE=swift:6.3-bookworm
SWIFT_TOOLCHAIN=${SWIFT_TOOLCHAIN:-$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")}
LABEL=org.openkf.stand-in

t0=$(date +%s)
say() { printf '[stand-ins] [%4ds] %s\n' $(($(date +%s) - t0)) "$*" >&2; }

current() {  # current IMAGE KEY: the engine has IMAGE made from KEY
  ((force)) && return 1
  [[ $(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null) == "$2" ]]
}

real_image() {  # real_image IMAGE: the engine has (or can pull) the real IMAGE
  local label
  if label=$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null); then
    [[ -z $label || $label == "<no value>" ]] && { say "$1: the real image is present"; return 0; }
    return 1  # a stand-in
  fi
  if timeout 120 docker pull -q "$1" >/dev/null 2>&1; then say "$1: pulled the real image"; return 0; fi
  return 1
}

make_debian() {
  local root key
  real_image "$DEBIAN_IMAGE" && return
  root=$(okf_debian_rootfs)
  key="debootstrap-bookworm-$(stat -c %Y "$root/.okf-complete")"
  if current "$DEBIAN_IMAGE" "$key"; then say "$DEBIAN_IMAGE: up to date"; return; fi
  tar -C "$root" --exclude=./.okf-complete -c . |
    docker import --platform linux/amd64 --change "LABEL $LABEL=$key" --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  say "$DEBIAN_IMAGE: imported from $root"
}

make_docker_cli() {
  local docker_bin buildx_bin key dir
  real_image "$DOCKER_CLI_IMAGE" && return
  docker_bin=$(command -v docker)
  buildx_bin=$(docker info -f '{{range .ClientInfo.Plugins}}{{if eq .Name "buildx"}}{{.Path}}{{end}}{{end}}')
  [[ -x $buildx_bin ]] || die "no docker buildx plugin found (make environment installs it)"
  key="$(sha256sum "$docker_bin" "$buildx_bin" | sha256sum | cut -c1-16)"
  if current "$DOCKER_CLI_IMAGE" "$key"; then say "$DOCKER_CLI_IMAGE: up to date"; return; fi
  dir=$(mktemp -d)
  install -D -m 0755 "$docker_bin" "$dir/usr/local/bin/docker"
  install -D -m 0755 "$buildx_bin" "$dir/usr/local/libexec/docker/cli-plugins/docker-buildx"
  tar -C "$dir" -c . |
    docker import --platform linux/amd64 --change "LABEL $LABEL=$key" \
      --change 'ENTRYPOINT ["/usr/local/bin/docker"]' - "$DOCKER_CLI_IMAGE" >/dev/null
  rm -rf "$dir"
  say "$DOCKER_CLI_IMAGE: docker $("$docker_bin" --version | awk '{print $3}' | tr -d ,) + buildx from $buildx_bin"
}

make_swift() {
  local key dir
  real_image "$SWIFT_IMAGE" && return
  [[ -x $SWIFT_TOOLCHAIN/usr/bin/swift && $SWIFT_TOOLCHAIN != / ]] ||
    die "no self-contained Swift toolchain at '$SWIFT_TOOLCHAIN' (a directory with usr/bin/swift, e.g. /opt/swift; set SWIFT_TOOLCHAIN)"
  key="$("$SWIFT_TOOLCHAIN/usr/bin/swift" --version 2>/dev/null | head -1 | tr -cd 'A-Za-z0-9.-')-$(docker image inspect -f '{{.Id}}' "$DEBIAN_IMAGE" | cut -c8-19)"
  if current "$SWIFT_IMAGE" "$key"; then say "$SWIFT_IMAGE: up to date"; return; fi
  dir=$(mktemp -d)
  # The official swift:*-bookworm image's packages; the toolchain comes from the host.
  cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $DEBIAN_IMAGE
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
      binutils git libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev libpython3-dev \\
      libsqlite3-0 libstdc++-12-dev libxml2-dev libncurses-dev libz3-dev pkg-config tzdata \\
      zlib1g-dev ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=toolchain / /opt/swift/
ENV PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL $LABEL=$key
RUN swift --version
DOCKERFILE
  say "$SWIFT_IMAGE: building (copies the $(du -sh "$SWIFT_TOOLCHAIN" | cut -f1) toolchain; a few minutes once)"
  docker buildx build --builder default --load --platform linux/amd64 \
    --build-context "toolchain=$SWIFT_TOOLCHAIN" -t "$SWIFT_IMAGE" "$dir" \
    >"$OKF_ENV_DIR/logs/stand-in-swift.log" 2>&1 ||
    die "building $SWIFT_IMAGE failed, see $OKF_ENV_DIR/logs/stand-in-swift.log"
  rm -rf "$dir"
  say "$SWIFT_IMAGE: built"
}

docker info >/dev/null 2>&1 || die "no docker engine: run make environment first"
make_debian
make_docker_cli
make_swift
say "stand-ins ready: $DEBIAN_IMAGE $DOCKER_CLI_IMAGE $SWIFT_IMAGE"
