#!/usr/bin/env bash
# make demo: on a fresh machine, set up the real environment (engine, buildx, QEMU, local
# registries standing in for Docker Hub, ACR and GHCR), then run openkf-build exactly as the
# runner runs the action (INPUT_* variables, event file, file commands, a GitHub API stand-in
# on loopback) for a v1.2.3 tag push of examples/, print the step summary and where each image
# now lives.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

bash scripts/ensure-tools.sh
bash scripts/env/setup-environment.sh --no-verify
echo "==> building openkf-build (release)"
swift build -c release >/dev/null
BIN=$ROOT/.build/release/openkf-build
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}

RUN=$(mktemp -d /tmp/openkf-demo.XXXXXX)
API_PID=
cleanup() {
    [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null || true
    rm -rf "$RUN"
}
trap cleanup EXIT
mkdir -p "$RUN/workspace" "$RUN/home" "$RUN/runner_temp" "$RUN/file_commands"
cp -r examples/. "$RUN/workspace/"
touch "$RUN/file_commands/"{output,env,summary,state}
SHA=$(git rev-parse HEAD 2>/dev/null || echo 0000000000000000000000000000000000000000)
cat >"$RUN/event.json" <<JSON
{"ref": "refs/tags/v1.2.3", "base_ref": null, "repository": {"default_branch": "main", "name": "openkf"},
 "head_commit": {"id": "$SHA", "timestamp": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"}}
JSON

# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/api-stand-in.sh"
start_api_stand_in "$RUN"

registry() { python3 -c "import json,sys; r=json.load(open('$STATE/env.json'))['registries']['$1']; print(r['$2'])"; }
AUTH=""
IMAGES=""
for name in dockerhub acr ghcr; do
    host=$(registry "$name" host)
    IMAGES+="$host/openimsdk/openkf-server"$'\n'
    AUTH+="- registry: $host"$'\n'"  username: $(registry "$name" username)"$'\n'"  password: '$(cat "$(registry "$name" password_file)")'"$'\n'
done

echo "==> openkf-build (tag v1.2.3 of examples/, linux/amd64 + linux/arm64, three registries)"
set +e
env -i PATH="$PATH" HOME="$RUN/home" LANG=C.UTF-8 CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=push GITHUB_REF=refs/tags/v1.2.3 GITHUB_SHA="$SHA" \
    GITHUB_REPOSITORY=openimsdk/openkf GITHUB_ACTOR=openkf-demo GITHUB_WORKFLOW=demo \
    GITHUB_EVENT_PATH="$RUN/event.json" GITHUB_WORKSPACE="$RUN/workspace" \
    GITHUB_OUTPUT="$RUN/file_commands/output" GITHUB_ENV="$RUN/file_commands/env" \
    GITHUB_STEP_SUMMARY="$RUN/file_commands/summary" GITHUB_STATE="$RUN/file_commands/state" \
    RUNNER_TEMP="$RUN/runner_temp" GITHUB_API_URL="$API_URL" \
    "INPUT_IMAGES=$IMAGES" \
    "INPUT_TAGS=type=schedule
type=ref,event=branch
type=ref,event=pr
type=semver,pattern={{version}}
type=semver,pattern={{major}}.{{minor}}
type=semver,pattern={{major}}
type=sha" \
    "INPUT_REGISTRY-AUTH=$AUTH" "INPUT_GITHUB-TOKEN=demo-token" "INPUT_METADATA-CONTEXT=workflow" \
    "INPUT_BUILD-ARGS=VERSION=1.2.3" \
    `# release tags are immutable; the demo publishes v1.2.3 again on every run, on purpose` \
    "INPUT_ALLOW-OVERWRITE=true" \
    `# offline: the stand-in under the pinned default's tag (scripts/env/make-binfmt-image.sh)` \
    "INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28" \
    "$BIN" | grep -v '^::add-mask::'
status=${PIPESTATUS[0]}
set -e

echo
echo "==> step summary"
cat "$RUN/file_commands/summary"
echo "==> outputs: pushed=$(grep -A1 '^pushed<<' "$RUN/file_commands/output" | tail -1), digest=$(grep -A1 '^digest<<' "$RUN/file_commands/output" | tail -1)"
echo "==> where the images live"
for name in dockerhub acr ghcr; do
    host=$(registry "$name" host)
    echo "  $name stand-in: $host/openimsdk/openkf-server:{1.2.3,1.2,1,sha-${SHA:0:7},latest}"
done
exit "$status"
