#!/usr/bin/env bash
# Many images: twelve small services sharing a base stage (examples/openim's shape: one
# Dockerfile, a SERVICE build argument each, compose.build.yaml), the shared stage holding
# BASE_MB (default 16) of data, as a Go service's common runtime layers do; published for linux/amd64 and linux/arm64
# to the three local registries, tagged by a push to main. Side by side in one run:
#   one step   openkf-build with bake-files: compose.build.yaml (one bake of all twelve)
#   separate   twelve openkf-build runs, one after another, one service each (build-args:
#              SERVICE=...), as a workflow with a step per image would run them
# Each side starts from an empty build cache (docker buildx prune) and pushes to repositories
# of its own. Prints both times and their ratio (target for the one step: at most 0.5), and
# checks that every registry serves every image of both sides. REGISTRIES (default
# "dockerhub acr ghcr") picks the stand-ins; Docker Hub's keeps its blobs in S3 through moto, a
# single-threaded Python server that bounds how many pushes a second it takes, far below S3's.
# Needs root and the environment (make environment). Usage: [REGISTRIES="acr ghcr tls"] bench/many-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
BIN=$PWD/.build-static/release/openkf-build

work=$(mktemp -d /tmp/okf-many.XXXXXX)
api_pid=
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

field() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['$1']['$2'])"; }
read -r -a names <<<"${REGISTRIES:-dockerhub acr ghcr}"
# shellcheck source=bench/lib/registries.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/registries.sh"
registries "$work" "${names[@]}"

mkdir -p "$work/ws/build/images"
cp examples/openim/compose.build.yaml "$work/ws/"
head -c "$((${BASE_MB:-16} * 1024 * 1024))" /dev/urandom >"$work/ws/base.bin"
cat >"$work/ws/build/images/Dockerfile" <<'DOCKERFILE'
FROM localhost:5000/base/busybox:latest AS common
COPY base.bin /openim/lib/base.bin
RUN uname -m > /openim/arch
FROM common
ARG SERVICE
RUN printf '#!/bin/sh\necho "%s on $(cat /openim/arch)"\n' "${SERVICE}" > /openim/service && chmod +x /openim/service
CMD ["/openim/service"]
DOCKERFILE
mapfile -t services < <(grep -E '^        SERVICE: ' examples/openim/compose.build.yaml | awk '{print $2}')
echo "${#services[@]} services: ${services[*]}; shared stage: ${BASE_MB:-16} MB"
for name in "${names[@]}"; do echo "registry $name: $(field "$name" host), storage $(field "$name" storage)"; done

# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/api-stand-in.sh"
start_api_stand_in "$work"
api_pid=$API_PID
echo '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}' >"$work/event.json"
run_id=$$

action() {  # action NAME INPUT=VALUE...: one openkf-build step in the workspace
  local name=$1
  shift
  mkdir -p "$work/home-$name"
  env -i PATH="$PATH" HOME="$work/home-$name" GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
    GITHUB_SHA=9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d GITHUB_REPOSITORY=openimsdk/open-im-server \
    GITHUB_EVENT_PATH="$work/event.json" GITHUB_WORKSPACE="$work/ws" GITHUB_OUTPUT="$work/out-$name" \
    GITHUB_JOB=bench GITHUB_ACTION="$name" \
    GITHUB_API_URL="$API_URL" "INPUT_TAGS=type=ref,event=branch" "INPUT_REGISTRY-AUTH=$auth" INPUT_SUMMARY=false \
    INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28 "$@" \
    "$BIN" >"$work/log-$name" 2>&1 || { echo "openkf-build $name failed:" >&2; tail -20 "$work/log-$name" >&2; exit 1; }
}

images() {  # images SIDE NAME: the three image names of one service
  local host
  for host in "${hosts[@]}"; do printf '%s/okf-bench/many-%s-%s-%s\n' "$host" "$run_id" "$1" "$2"; done
}

docker buildx prune --all --force >/dev/null
start=$EPOCHREALTIME
action bake "INPUT_BAKE-FILES=compose.build.yaml" "INPUT_IMAGES=$(images one '{target}')"
one=$(echo "$EPOCHREALTIME - $start" | bc)
echo "one step (bake, ${#services[@]} images): ${one} s"

docker buildx prune --all --force >/dev/null
start=$EPOCHREALTIME
for service in "${services[@]}"; do
  action "$service" "INPUT_FILE=build/images/Dockerfile" "INPUT_BUILD-ARGS=SERVICE=$service" "INPUT_IMAGES=$(images separate "$service")"
done
separate=$(echo "$EPOCHREALTIME - $start" | bc)
echo "separate steps (${#services[@]} runs, one after another): ${separate} s"

missing=0
for side in one separate; do
  for service in "${services[@]}"; do
    while read -r ref; do
      docker --config "$work/config" buildx imagetools inspect --raw "$ref:main" >/dev/null 2>&1 || { echo "missing: $ref:main" >&2; missing=$((missing + 1)); }
    done < <(images "$side" "$service")
  done
done
((missing == 0)) || { echo "$missing images missing" >&2; exit 1; }
echo "every registry serves all $((2 * ${#services[@]} * ${#hosts[@]})) images"
phases() {  # phases GLOB: seconds per phase, summed over the logs
  python3 - "$@" <<'PY'
import json, sys, collections
total = collections.OrderedDict()
for path in sys.argv[1:]:
    for line in open(path):
        entry = json.loads(line)
        total[entry["phase"]] = total.get(entry["phase"], 0) + entry.get("duration_ms", 0) / 1000
print("  ".join(f"{phase} {seconds:.1f}" for phase, seconds in total.items()))
PY
}
echo "one step, seconds per phase:       $(phases "$work/ws/.openkf-build/build-log-bench-bake.jsonl")"
mapfile -t separate_logs < <(printf "$work/ws/.openkf-build/build-log-bench-%s.jsonl\n" "${services[@]}")
echo "separate steps, seconds per phase: $(phases "${separate_logs[@]}")"
printf 'one step / separate steps = %.2f (target: at most 0.5)\n' "$(echo "$one / $separate" | bc -l)"
