#!/usr/bin/env bash
# A big image: linux/amd64 + linux/arm64 with one SIZE_MB (default 1024) incompressible layer
# shared by both platforms, published by the action to 1 registry (acr) and to 3 (acr, dockerhub on
# S3 storage, the GHCR-like front) and by `docker buildx build --push` to the same 1 and 3,
# each registry's loopback port limited to RATE (default 80mbit, as bench/fanout.sh). Prints
# wall times side by side, the action's 3/1 ratio (target <= 1.15), buildx's, and the peak
# resident memory of openkf-build in each run (target <= 128 MiB; the layer is streamed from
# the OCI layout, never held in memory). The image is built once before the clock starts;
# every run pushes to fresh repositories, and BuildKit's record of where layers came from is
# cleared before each buildx run, so no run can mount what an earlier one uploaded.
# REGISTRIES (default "acr dockerhub ghcr") names the three (the first is the one-registry
# run; "ghcr-backend" is the GHCR stand-in's registry without its Python front, "base" the
# anonymous one); SKIP_BUILDX=1 measures the action only.
# Needs root and the environment (make environment). Usage: bench/big-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-80mbit}
SIZE_MB=${SIZE_MB:-1024}
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
command -v tc >/dev/null || { echo "tc (iproute2) is needed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (Debian package time) is needed" >&2; exit 1; }
swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
BIN=$PWD/.build-static/release/openkf-build
# shellcheck source=scripts/env/setup-environment.sh
source scripts/env/setup-environment.sh  # functions only: okf_forget_mount_sources

work=$(mktemp -d /tmp/okf-big.XXXXXX)
api_pid=
unshape() { tc qdisc del dev lo root 2>/dev/null || true; }
cleanup() { unshape; [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

field() {  # field NAME KEY (ghcr-backend: the GHCR stand-in's backend; a registry without auth gets a dummy user)
  python3 -c "
import json, sys
registries = json.load(open('$STATE/env.json'))['registries']
entry = registries['ghcr']['backend'] if '$1' == 'ghcr-backend' else registries['$1']
print(entry.get('$2') or {'username': 'anonymous', 'password_file': '$work/anonymous.password'}.get('$2', ''))"
}
read -r -a names <<<"${REGISTRIES:-acr dockerhub ghcr}"
echo anonymous >"$work/anonymous.password"  # a registry without auth takes any login
# shellcheck source=bench/lib/registries.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/registries.sh"
registries "$work" "${names[@]}"

shape() {
  unshape
  tc qdisc add dev lo root handle 1: htb default 99 r2q 100
  tc class add dev lo parent 1: classid 1:99 htb rate 100gbit
  local i=1 port
  for port in "${ports[@]}"; do
    tc class add dev lo parent 1: classid "1:1$i" htb rate "$RATE" ceil "$RATE"
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip dport "$port" 0xffff flowid "1:1$i"
    i=$((i + 1))
  done
}

echo "==> making the ${SIZE_MB} MiB layer and building the image (not measured)"
mkdir -p "$work/ctx"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$work/ctx/blob.bin"
printf 'FROM localhost:5000/base/busybox:latest\nCOPY blob.bin /blob.bin\nRUN uname -m > /arch\n' >"$work/ctx/Dockerfile"
docker buildx build --platform linux/amd64,linux/arm64 --output type=cacheonly "$work/ctx" >/dev/null 2>&1

# shellcheck source=scripts/lib/api-stand-in.sh
source scripts/lib/api-stand-in.sh
start_api_stand_in "$work"
api_pid=$API_PID
echo '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}' >"$work/event.json"

run_action() {  # run_action ID COUNT: prints wall seconds, push-phase seconds and peak RSS in KiB
  local id=$1 count=$2 images="" i
  for ((i = 0; i < count; i++)); do images+="${hosts[$i]}/okf-bench/big-action-$id"$'\n'; done
  mkdir -p "$work/ws-$id" "$work/home-$id"; cp "$work/ctx/Dockerfile" "$work/ctx/blob.bin" "$work/ws-$id/"
  local start=$EPOCHREALTIME
  env -i PATH="$PATH" HOME="$work/home-$id" GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
    GITHUB_SHA=9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d GITHUB_REPOSITORY=openimsdk/openkf \
    GITHUB_EVENT_PATH="$work/event.json" GITHUB_WORKSPACE="$work/ws-$id" GITHUB_OUTPUT="$work/out-$id" \
    GITHUB_API_URL="$API_URL" "INPUT_IMAGES=$images" \
    "INPUT_TAGS=type=ref,event=branch" "INPUT_REGISTRY-AUTH=$auth" INPUT_SUMMARY=false INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28 \
    /usr/bin/time -f %M -o "$work/rss-$id" "$BIN" >"$work/log-$id" 2>&1 || { echo "openkf-build failed:" >&2; tail -20 "$work/log-$id" >&2; exit 1; }
  local total push
  total=$(echo "$EPOCHREALTIME - $start" | bc)
  push=$(python3 -c "
import json
print(max((json.loads(l)['duration_ms'] for l in open('$work/ws-$id/.openkf-build/build-log.jsonl') if json.loads(l)['phase'] == 'push'), default=0) / 1000)")
  echo "$total $push $(tail -1 "$work/rss-$id")"
}

run_buildx() {  # run_buildx ID COUNT: wall seconds of one buildx build --push with every tag
  local id=$1 count=$2 tags=() i
  for ((i = 0; i < count; i++)); do tags+=(--tag "${hosts[$i]}/okf-bench/big-buildx-$id:main"); done
  okf_forget_mount_sources 127.0.0.1 >/dev/null
  local start=$EPOCHREALTIME
  docker --config "$work/config" buildx build --platform linux/amd64,linux/arm64 "${tags[@]}" --push "$work/ctx" >"$work/bx-$id" 2>&1 ||
    { echo "buildx failed:" >&2; tail -5 "$work/bx-$id" >&2; exit 1; }
  echo "$EPOCHREALTIME - $start" | bc
}

shape
echo "==> each registry's port limited to $RATE; one ${SIZE_MB} MiB layer, 2 platforms"
read -r a1 p1 m1 < <(run_action "$$-1" 1); echo "    action, 1 registry:   ${a1} s (push ${p1} s), peak RSS ${m1} KiB"
read -r a3 p3 m3 < <(run_action "$$-3" 3); echo "    action, 3 registries: ${a3} s (push ${p3} s), peak RSS ${m3} KiB"
if [ "${SKIP_BUILDX:-}" = 1 ]; then
  b1=0 b3=0
else
  b1=$(run_buildx "$$-b1" 1); echo "    buildx --push, 1 registry:   ${b1} s"
  b3=$(run_buildx "$$-b3" 3); echo "    buildx --push, 3 registries: ${b3} s"
fi
echo "registries: ${names[*]}"
echo "results (seconds):"
printf '  %-40s %8s %8s %8s %14s\n' "" "1 reg" "3 regs" "3/1" "peak RSS MiB"
printf '  %-40s %8.1f %8.1f %8.2f %7.1f %6.1f\n' "openkf-build, whole step" "$a1" "$a3" "$(echo "$a3 / $a1" | bc -l)" "$(echo "$m1 / 1024" | bc -l)" "$(echo "$m3 / 1024" | bc -l)"
printf '  %-40s %8.1f %8.1f %8.2f\n' "openkf-build, push phase" "$p1" "$p3" "$(echo "$p3 / $p1" | bc -l)"
if [ "${SKIP_BUILDX:-}" != 1 ]; then
  printf '  %-40s %8.1f %8.1f %8.2f\n' "docker buildx build --push (all tags)" "$b1" "$b3" "$(echo "$b3 / $b1" | bc -l)"
  printf '  3 registries, buildx / openkf-build whole step: %.2f\n' "$(echo "$b3 / $a3" | bc -l)"
fi
