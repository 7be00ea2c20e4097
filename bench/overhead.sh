#!/usr/bin/env bash
# The action's overhead: the full `openkf-build` run (emulation probe, logins, one buildx
# build --push, verification, outputs) against the equivalent raw commands (the logins plus
# one `docker buildx build --push` with all tags), both cold (--no-cache) on examples/ for
# linux/amd64 and linux/arm64 to the three registry stand-ins, interleaved, RUNS times each.
# Prints the medians and the ratio. Needs the environment (make environment) and root.
# Usage: bench/overhead.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
BIN=$PWD/.build-static/release/openkf-build

work=$(mktemp -d /tmp/okf-bench.XXXXXX)
api_pid=
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/api-stand-in.sh"
start_api_stand_in "$work"
api_pid=$API_PID

field() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['$1']['$2'])"; }
hosts=() auth=""
for name in dockerhub acr ghcr; do
    host=$(field "$name" host); hosts+=("$host")
    auth+="- registry: $host"$'\n'"  username: $(field "$name" username)"$'\n'"  password: '$(cat "$(field "$name" password_file)")'"$'\n'
done

run_action() {  # $1 = repository suffix
    local ws="$work/ws-$1" images=""
    mkdir -p "$ws" "$work/home-$1"; cp -r examples/. "$ws/"
    for host in "${hosts[@]}"; do images+="$host/okf-bench/action-$1"$'\n'; done
    echo '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}' >"$work/event.json"
    env -i PATH="$PATH" HOME="$work/home-$1" GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
        GITHUB_SHA=9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d GITHUB_REPOSITORY=openimsdk/openkf \
        GITHUB_EVENT_PATH="$work/event.json" GITHUB_WORKSPACE="$ws" GITHUB_OUTPUT="$work/out-$1" \
        GITHUB_API_URL="$API_URL" "INPUT_IMAGES=$images" \
        "INPUT_TAGS=type=ref,event=branch
type=sha" "INPUT_REGISTRY-AUTH=$auth" INPUT_NO-CACHE=true INPUT_SUMMARY=false INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28 \
        "$BIN" >"$work/log-$1" 2>&1 || { echo "openkf-build failed:" >&2; tail -20 "$work/log-$1" >&2; exit 1; }
}

run_raw() {  # the same job by hand: logins, then one buildx build --push with every tag
    local config="$work/raw-config-$1" tags=() i=0
    mkdir -p "$config"
    for name in dockerhub acr ghcr; do
        docker --config "$config" login --username "$(field "$name" username)" --password-stdin "${hosts[$i]}" \
            <"$(field "$name" password_file)" >/dev/null 2>&1
        tags+=(--tag "${hosts[$i]}/okf-bench/raw-$1:main" --tag "${hosts[$i]}/okf-bench/raw-$1:sha-9e8d7c6")
        i=$((i + 1))
    done
    docker --config "$config" buildx build --platform linux/amd64,linux/arm64 --no-cache "${tags[@]}" --push examples >"$work/raw-log-$1" 2>&1 || { echo "raw build failed (a registry error; the raw commands do not retry):" >&2; tail -5 "$work/raw-log-$1" >&2; exit 1; }
    rm -rf "$config"
}

seconds() { local start=$EPOCHREALTIME; "$@"; echo "$EPOCHREALTIME - $start" | bc; }
action_times=() raw_times=()
for n in $(seq "$RUNS"); do
    raw_times+=("$(seconds run_raw "$n")")
    action_times+=("$(seconds run_action "$n")")
    echo "run $n: raw ${raw_times[-1]} s, action ${action_times[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
raw=$(median "${raw_times[@]}") action=$(median "${action_times[@]}")
echo "median raw commands: $raw s"
echo "median openkf-build: $action s"
echo "overhead: $(echo "scale=1; ($action - $raw) * 100 / $raw" | bc) %"
