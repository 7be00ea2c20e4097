#!/usr/bin/env bash
# Build cache: the same action run twice over an unchanged context with cache: registry, the
# engine's own build cache pruned before each run, so only the registry cache can help the
# second. The Dockerfile has a CPU-bound step (a loop) that the arm64 build runs under QEMU.
# RUNS rounds, medians of the first (cold) and second (warm) runs' build phase and whole step.
# Needs root and the environment (make environment). Usage: bench/cache.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
BIN=$PWD/.build-static/release/openkf-build
work=$(mktemp -d /tmp/okf-cache.XXXXXX)
api_pid=
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
field() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['$1']['$2'])"; }
host=$(field ghcr host)
auth="- registry: $host"$'\n'"  username: $(field ghcr username)"$'\n'"  password: '$(cat "$(field ghcr password_file)")'"$'\n'
# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/api-stand-in.sh"
start_api_stand_in "$work"
api_pid=$API_PID
echo '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}' >"$work/event.json"

run() {  # run ROUND WHICH: prints the build phase and the whole step in seconds
  local ws="$work/ws-$1-$2"
  mkdir -p "$ws" "$work/home-$1-$2"
  printf 'FROM localhost:5000/base/busybox:latest\nRUN i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done; echo round-%s > /done\n' "$1" >"$ws/Dockerfile"
  docker buildx prune --all --force >/dev/null 2>&1
  local start=$EPOCHREALTIME
  env -i PATH="$PATH" HOME="$work/home-$1-$2" GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
    GITHUB_SHA=9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d GITHUB_REPOSITORY=openimsdk/openkf \
    GITHUB_EVENT_PATH="$work/event.json" GITHUB_WORKSPACE="$ws" GITHUB_OUTPUT="$work/out" \
    GITHUB_API_URL="$API_URL" "INPUT_IMAGES=$host/okf-bench/cache-$$-$1" \
    "INPUT_TAGS=type=ref,event=branch" "INPUT_REGISTRY-AUTH=$auth" INPUT_CACHE=registry INPUT_SUMMARY=false INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28 \
    "$BIN" >"$work/log" 2>&1 || { tail -20 "$work/log" >&2; exit 1; }
  local total build
  total=$(echo "$EPOCHREALTIME - $start" | bc)
  build=$(python3 -c "
import json
print(sum(json.loads(l)['duration_ms'] for l in open('$ws/.openkf-build/build-log.jsonl') if json.loads(l)['phase'] == 'build') / 1000)")
  echo "$build $total"
}

cold_build=() cold_total=() warm_build=() warm_total=()
for round in $(seq "$RUNS"); do
  read -r b t < <(run "$round" first); cold_build+=("$b"); cold_total+=("$t")
  read -r b t < <(run "$round" second); warm_build+=("$b"); warm_total+=("$t")
  echo "    round $round: first run build ${cold_build[-1]} s (step ${cold_total[-1]} s), second run build ${warm_build[-1]} s (step ${warm_total[-1]} s)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cb=$(median "${cold_build[@]}") ct=$(median "${cold_total[@]}") wb=$(median "${warm_build[@]}") wt=$(median "${warm_total[@]}")
echo "medians of $RUNS rounds, engine cache pruned before every run (seconds):"
printf '  %-28s %8s %8s %8s\n' "" "first" "second" "ratio"
printf '  %-28s %8.2f %8.2f %8.2f\n' "build phase" "$cb" "$wb" "$(echo "$wb / $cb" | bc -l)"
printf '  %-28s %8.2f %8.2f %8.2f\n' "whole step" "$ct" "$wt" "$(echo "$wt / $ct" | bc -l)"
