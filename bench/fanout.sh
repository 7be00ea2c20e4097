#!/usr/bin/env bash
# Fan-out: publishing one built image to 1 and to 3 registries, each registry's loopback port
# limited to RATE (default 80mbit; tc htb + a u32 filter per port on lo, removed in a trap),
# the action (its own registry client, all registries at once) side by side with
# `docker buildx build --push` with every tag (registries one after another), interleaved,
# RUNS rounds, medians. The image: SIZE_MB (default 32) of random data plus a per-platform
# layer, linux/amd64 + linux/arm64, already built (cached) so that the push dominates.
# Prints for each method the 1- and 3-registry times and their ratio (target for the action:
# at most 1.3), and checks that every registry serves the digest the action reported.
# Needs root and the environment (make environment). Usage: bench/fanout.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
RATE=${RATE:-80mbit}
SIZE_MB=${SIZE_MB:-32}
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
command -v tc >/dev/null || { echo "tc (iproute2) is needed" >&2; exit 1; }
swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
BIN=$PWD/.build-static/release/openkf-build

work=$(mktemp -d /tmp/okf-fanout.XXXXXX)
api_pid=
unshape() { tc qdisc del dev lo root 2>/dev/null || true; }
cleanup() { unshape; [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

field() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['$1']['$2'])"; }
names=(dockerhub acr ghcr)
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

# An image per measurement: fresh random data (shared by both platforms) plus a small
# per-platform layer, so that no run can mount or skip blobs an earlier run uploaded.
# Built (cached) before the clock starts: the build is not what is measured.
context() {  # context ID: makes and pre-builds $work/ctx-ID
  mkdir -p "$work/ctx-$1"
  head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$work/ctx-$1/blob.bin"
  printf 'FROM localhost:5000/base/busybox:latest\nCOPY blob.bin /blob.bin\nRUN uname -m > /arch\n' >"$work/ctx-$1/Dockerfile"
  docker buildx build --platform linux/amd64,linux/arm64 "$work/ctx-$1" >/dev/null 2>&1
}

# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/api-stand-in.sh"
start_api_stand_in "$work"
api_pid=$API_PID
echo '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}' >"$work/event.json"

run_action() {  # run_action ID COUNT: prints seconds of the whole step and of its push phase
  local id=$1 count=$2 images="" i
  for ((i = 0; i < count; i++)); do images+="${hosts[$i]}/okf-bench/fan-action-$id"$'\n'; done
  mkdir -p "$work/ws-$id" "$work/home-$id"; cp "$work/ctx-$id/Dockerfile" "$work/ctx-$id/blob.bin" "$work/ws-$id/"
  local start=$EPOCHREALTIME
  env -i PATH="$PATH" HOME="$work/home-$id" GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
    GITHUB_SHA=9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d GITHUB_REPOSITORY=openimsdk/openkf \
    GITHUB_EVENT_PATH="$work/event.json" GITHUB_WORKSPACE="$work/ws-$id" GITHUB_OUTPUT="$work/out-$id" \
    GITHUB_API_URL="$API_URL" "INPUT_IMAGES=$images" \
    "INPUT_TAGS=type=ref,event=branch" "INPUT_REGISTRY-AUTH=$auth" INPUT_SUMMARY=false INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28 \
    "$BIN" >"$work/log-$id" 2>&1 || { echo "openkf-build failed:" >&2; tail -20 "$work/log-$id" >&2; exit 1; }
  local total push digest
  total=$(echo "$EPOCHREALTIME - $start" | bc)
  push=$(python3 -c "
import json
print(max((json.loads(l)['duration_ms'] for l in open('$work/ws-$id/.openkf-build/build-log.jsonl') if json.loads(l)['phase'] == 'push'), default=0) / 1000)")
  digest=$(grep -A1 '^digest<<' "$work/out-$id" | tail -1)
  for ((i = 0; i < count; i++)); do  # every registry serves what the action reported
    served=$(docker --config "$work/config" buildx imagetools inspect "${hosts[$i]}/okf-bench/fan-action-$id:main" --format '{{json .Manifest}}' |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["digest"])')
    [ "$served" = "$digest" ] || { echo "${hosts[$i]} serves $served, the action reported $digest" >&2; exit 1; }
  done
  echo "$total $push"
}

run_buildx() {  # run_buildx ID COUNT: seconds of one buildx build --push with every tag
  local id=$1 count=$2 tags=() i attempt
  for ((i = 0; i < count; i++)); do tags+=(--tag "${hosts[$i]}/okf-bench/fan-buildx-$id:main"); done
  for attempt in 1 2 3; do  # distribution's transient 500 on concurrent tag writes: count only clean runs
    local start=$EPOCHREALTIME
    if docker --config "$work/config" buildx build --platform linux/amd64,linux/arm64 "${tags[@]}" --push "$work/ctx-$1" >"$work/bx-$id" 2>&1; then
      echo "$EPOCHREALTIME - $start" | bc
      return
    fi
    id="$id-r$attempt"; tags=()
    for ((i = 0; i < count; i++)); do tags+=(--tag "${hosts[$i]}/okf-bench/fan-buildx-$id:main"); done
  done
  echo "buildx failed three times:" >&2; tail -5 "$work/bx-$id" >&2; exit 1
}

shape
echo "==> each registry's port limited to $RATE; image ${SIZE_MB} MB + per-platform layers, 2 platforms; $RUNS rounds"
a1=() a3=() p1=() p3=() b1=() b3=()
for round in $(seq "$RUNS"); do
  tag="$$-$round"
  for id in "$tag-1" "$tag-3" "$tag-b1" "$tag-b3"; do context "$id"; done
  read -r t p < <(run_action "$tag-1" 1); a1+=("$t"); p1+=("$p")
  b1+=("$(run_buildx "$tag-b1" 1)")
  read -r t p < <(run_action "$tag-3" 3); a3+=("$t"); p3+=("$p")
  b3+=("$(run_buildx "$tag-b3" 3)")
  echo "    round $round: action ${a1[-1]}/${a3[-1]} s (push phase ${p1[-1]}/${p3[-1]} s), buildx ${b1[-1]}/${b3[-1]} s (1/3 registries)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ma1=$(median "${a1[@]}") ma3=$(median "${a3[@]}") mp1=$(median "${p1[@]}") mp3=$(median "${p3[@]}") mb1=$(median "${b1[@]}") mb3=$(median "${b3[@]}")
echo "medians of $RUNS rounds (seconds):"
printf '  %-44s %8s %8s %8s\n' "" "1 reg" "3 regs" "3/1"
printf '  %-44s %8.2f %8.2f %8.2f\n' "openkf-build, whole step" "$ma1" "$ma3" "$(echo "$ma3 / $ma1" | bc -l)"
printf '  %-44s %8.2f %8.2f %8.2f\n' "openkf-build, push phase" "$mp1" "$mp3" "$(echo "$mp3 / $mp1" | bc -l)"
printf '  %-44s %8.2f %8.2f %8.2f\n' "docker buildx build --push (all tags)" "$mb1" "$mb3" "$(echo "$mb3 / $mb1" | bc -l)"
printf '  3 registries, buildx / openkf-build whole step: %.2f\n' "$(echo "$mb3 / $ma3" | bc -l)"
