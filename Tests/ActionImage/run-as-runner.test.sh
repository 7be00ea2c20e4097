#!/usr/bin/env bash
# Starts the action image exactly as GitHub's runner starts a container action (docker run
# --workdir /github/workspace --rm, the runner's -e list with values inherited, its five -v
# mounts plus the docker socket, post-entrypoint as one --entrypoint value, no args) for a
# v1.2.3 tag push of examples/, against the local registries, and checks:
#   main step     exit 0; outputs digest/pushed/tags; every tag in the three registries is a
#                 linux/amd64+linux/arm64 index; the summary names the digest; the bake-file
#                 output is the runner's name of a file that exists there
#   post step     started through post-entrypoint, it removes a docker configuration that a
#                 killed main step left behind
#   metadata      the metadata action's entrypoint gives the same outputs as the host binary,
#                 and metadata-context: git works on a workspace owned by another user
#   secrets       no password in any file under the runner's directories or the workspace
# One deviation: --network host, since the registries here live on loopback (the runner puts
# the container on its job network; its registries are remote).
#
# Usage: run-as-runner.test.sh IMAGE HOST_BINARY     (make action-image-test builds both)
set -euo pipefail
IMAGE=${1:?usage: run-as-runner.test.sh IMAGE HOST_BINARY}
HOST_BIN=$(readlink -f "${2:?usage: run-as-runner.test.sh IMAGE HOST_BINARY}")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
failures=0 checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { checks=$((checks + 1)); }
say() { echo "[run-as-runner] $*"; }

WORK=$(mktemp -d /tmp/okf-runner.XXXXXX)
API_PID=
cleanup() { [[ -n $API_PID ]] && kill "$API_PID" 2>/dev/null; [[ -n ${KEEP:-} ]] || rm -rf "$WORK"; }
trap cleanup EXIT

# The runner's layout: <work>/_temp holds home, event, file commands; <work>/<repo>/<repo>.
TEMP=$WORK/_work/_temp
RUNNER_WORKSPACE=$WORK/_work/openkf
WORKSPACE=$RUNNER_WORKSPACE/openkf
mkdir -p "$TEMP/_github_home" "$TEMP/_github_workflow" "$TEMP/_runner_file_commands" "$WORKSPACE"
cp -r "$ROOT/examples/." "$WORKSPACE/"
git -C "$WORKSPACE" init -q -b main
git -C "$WORKSPACE" -c user.name=t -c user.email=t@t add -A
git -C "$WORKSPACE" -c user.name=t -c user.email=t@t commit -q -m example
git -C "$WORKSPACE" tag v1.2.3
git -C "$WORKSPACE" checkout -q v1.2.3  # as actions/checkout leaves a tag: detached
SHA=$(git -C "$WORKSPACE" rev-parse HEAD)
# the workspace belongs to the runner's user, not to the container's root
chown -R 1001:1001 "$WORKSPACE"
cat >"$TEMP/_github_workflow/event.json" <<JSON
{"ref": "refs/tags/v1.2.3", "base_ref": null, "repository": {"default_branch": "main", "name": "openkf"},
 "head_commit": {"id": "$SHA", "timestamp": "2026-11-29T03:00:00Z"}}
JSON

# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/api-stand-in.sh"
start_api_stand_in "$WORK"

registry() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['$1']['$2'])"; }
REPO="okf-runner-test/openkf-server-$$"
IMAGES="" AUTH="" PASSWORDS=()
for name in dockerhub acr ghcr; do
  host=$(registry "$name" host)
  password=$(cat "$(registry "$name" password_file)")
  PASSWORDS+=("$password")
  IMAGES+="$host/$REPO"$'\n'
  AUTH+="- registry: $host"$'\n'"  username: $(registry "$name" username)"$'\n'"  password: '$password'"$'\n'
  # the test's own view of the registries: a private docker configuration, password on stdin
  DOCKER_CONFIG=$WORK/inspect-config docker login "$host" -u "$(registry "$name" username)" --password-stdin \
    <<<"$password" >/dev/null 2>&1 || { echo "cannot log in to $host: run make environment" >&2; exit 1; }
done

# runner_env STEP: the environment the runner gives a step's docker process (host values)
runner_env() {
  local guid=$1
  for f in set_output set_env add_path step_summary save_state; do : >"$TEMP/_runner_file_commands/${f}_$guid"; done
  ENV_VARS=(
    HOME=/github/home GITHUB_JOB=build GITHUB_REF=refs/tags/v1.2.3 GITHUB_SHA="$SHA"
    GITHUB_REPOSITORY=openimsdk/openkf GITHUB_REPOSITORY_OWNER=openimsdk GITHUB_RUN_ID=1 GITHUB_RUN_NUMBER=1
    GITHUB_RETENTION_DAYS=90 GITHUB_RUN_ATTEMPT=1 GITHUB_ACTOR=openkf-bot GITHUB_TRIGGERING_ACTOR=openkf-bot
    GITHUB_WORKFLOW=release GITHUB_HEAD_REF= GITHUB_BASE_REF= GITHUB_EVENT_NAME=push
    GITHUB_SERVER_URL=https://github.com GITHUB_API_URL="$API_URL" GITHUB_GRAPHQL_URL="$API_URL/graphql"
    GITHUB_REF_NAME=v1.2.3 GITHUB_REF_PROTECTED=false GITHUB_REF_TYPE=tag GITHUB_WORKSPACE=/github/workspace
    GITHUB_ACTION=__run GITHUB_EVENT_PATH=/github/workflow/event.json GITHUB_ACTION_REPOSITORY=openimsdk/openkf-build-action
    GITHUB_ACTION_REF=v1
    "GITHUB_PATH=/github/file_commands/add_path_$guid" "GITHUB_ENV=/github/file_commands/set_env_$guid"
    "GITHUB_STEP_SUMMARY=/github/file_commands/step_summary_$guid" "GITHUB_STATE=/github/file_commands/save_state_$guid"
    "GITHUB_OUTPUT=/github/file_commands/set_output_$guid"
    RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_NAME=local RUNNER_ENVIRONMENT=github-hosted
    RUNNER_TOOL_CACHE=/opt/hostedtoolcache RUNNER_TEMP=/github/runner_temp RUNNER_WORKSPACE="$RUNNER_WORKSPACE"
  )
}

# docker_run STEP ENTRYPOINT INPUTS...: docker run as the runner does it; values stay out of argv
docker_run() {
  local guid=$1 entrypoint=$2 names=() assignment
  shift 2
  runner_env "$guid"
  for assignment in "$@" "${ENV_VARS[@]}"; do names+=(-e "${assignment%%=*}"); done
  env "$@" "${ENV_VARS[@]}" docker run --name "okf-runner-$guid" --label okf-runner-test --workdir /github/workspace --rm \
    "${names[@]}" -e GITHUB_ACTIONS=true -e CI=true \
    ${entrypoint:+--entrypoint "$entrypoint"} --network host \
    -v /var/run/docker.sock:/var/run/docker.sock -v "$TEMP":/github/runner_temp \
    -v "$TEMP/_github_home":/github/home -v "$TEMP/_github_workflow":/github/workflow \
    -v "$TEMP/_runner_file_commands":/github/file_commands -v "$WORKSPACE":/github/workspace \
    "$IMAGE"
}

# output FILE NAME: one value from a file-command file (name<<delimiter blocks)
output() { python3 - "$1" "$2" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
i = 0
while i < len(lines):
    line = lines[i]
    if "<<" in line and line.split("<<", 1)[0] == sys.argv[2]:
        delim = line.split("<<", 1)[1]
        j = lines.index(delim, i + 1)
        print("\n".join(lines[i + 1:j])); sys.exit(0)
    if line.startswith(sys.argv[2] + "="):
        print(line.split("=", 1)[1]); sys.exit(0)
    i += 1
sys.exit(1)
PY
}

TAGS='type=ref,event=branch
type=semver,pattern={{version}}
type=semver,pattern={{major}}.{{minor}}
type=sha'

# ---------------------------------------------------------------- main step
say "main step: docker run $IMAGE (no args), v1.2.3 tag push of examples/ to three registries"
set +e
docker_run main "" "INPUT_IMAGES=$IMAGES" "INPUT_TAGS=$TAGS" "INPUT_REGISTRY-AUTH=$AUTH" \
  "INPUT_GITHUB-TOKEN=ghs_runner_test_token" "INPUT_METADATA-CONTEXT=workflow" "INPUT_CONTEXT=." \
  "INPUT_PLATFORMS=linux/amd64,linux/arm64" "INPUT_PUSH=auto" "INPUT_SUMMARY=true" \
  "INPUT_QEMU-IMAGE=tonistiigi/binfmt:qemu-v7.0.0-28" "INPUT_BUILD-ARGS=VERSION=1.2.3" >"$WORK/main.log" 2>&1
status=$?
set -e
OUT=$TEMP/_runner_file_commands/set_output_main
check; [[ $status == 0 ]] || { fail "main step exited $status"; tail -30 "$WORK/main.log" >&2; }
digest=$(output "$OUT" digest || true)
check; [[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || fail "digest output is '$digest'"
check; [[ $(output "$OUT" pushed || true) == true ]] || fail "pushed output is not true"
for name in dockerhub acr ghcr; do
  host=$(registry "$name" host)
  for tag in 1.2.3 1.2 "sha-${SHA:0:7}" latest; do
    check
    raw=$(DOCKER_CONFIG=$WORK/inspect-config docker buildx imagetools inspect --raw "$host/$REPO:$tag" 2>&1 || true)
    python3 -c '
import json, sys, hashlib
raw = sys.stdin.read()[:-1]  # the here-string adds a newline; $(...) dropped any trailing ones
index = json.loads(raw)
platforms = {m["platform"]["os"] + "/" + m["platform"]["architecture"] for m in index["manifests"] if m["platform"]["os"] != "unknown"}
assert platforms == {"linux/amd64", "linux/arm64"}, platforms
digests = {"sha256:" + hashlib.sha256(form.encode()).hexdigest() for form in (raw, raw + "\n")}
assert sys.argv[1] in digests, "digest differs"
' "$digest" <<<"$raw" 2>/dev/null || fail "$host/$REPO:$tag is not the two-platform index $digest"
  done
done
check; grep -q "${digest:-no-digest}" "$TEMP/_runner_file_commands/step_summary_main" || fail "the step summary does not name the digest"
bake=$(output "$OUT" bake-file-tags || true)
check; [[ $bake == "$TEMP/"* && -s $bake ]] || fail "bake-file-tags '$bake' is not an existing file under the runner's $TEMP"
check; grep -q '"1.2.3"\|:1.2.3"' "${bake:-/dev/null}" 2>/dev/null || fail "bake-file-tags does not list the 1.2.3 tag"
say "main step: exit $status, digest $digest"

# every output the main step wrote is declared in action.yml, and every declared one written
check
"$(bash "$ROOT/scripts/ensure-ci-tools.sh")/python3" - "$ROOT/action.yml" "$OUT" <<'PY' || fail "main step outputs and action.yml outputs differ"
import re, sys, yaml
declared = set(yaml.safe_load(open(sys.argv[1]))["outputs"])
written = set(re.findall(r"^([a-z0-9-]+)<<", open(sys.argv[2]).read(), re.M))
if declared != written:
    print("declared only:", sorted(declared - written), "written only:", sorted(written - declared), file=sys.stderr)
    sys.exit(1)
PY

# ---------------------------------------------------------------- post step
mkdir -p "$TEMP/_github_home/.openkf-build/docker-config-killed"
echo '{"auths":{}}' >"$TEMP/_github_home/.openkf-build/docker-config-killed/config.json"
say "post step: docker run --entrypoint /usr/local/bin/openkf-build-post $IMAGE"
set +e
docker_run post /usr/local/bin/openkf-build-post >"$WORK/post.log" 2>&1
status=$?
set -e
check; [[ $status == 0 ]] || fail "post step exited $status: $(cat "$WORK/post.log")"
check; [[ ! -e $TEMP/_github_home/.openkf-build/docker-config-killed ]] || fail "post step left the killed main step's docker configuration"
check; grep -q "Removed 1 private docker configuration" "$WORK/post.log" || fail "post step output: $(cat "$WORK/post.log")"

# ---------------------------------------------------------------- metadata action
say "metadata action: docker run --entrypoint /usr/local/bin/openkf-build-metadata $IMAGE"
META_INPUTS=("INPUT_IMAGES=$IMAGES" "INPUT_TAGS=$TAGS" "INPUT_CONTEXT=workflow" "INPUT_GITHUB-TOKEN=ghs_runner_test_token")
set +e
SOURCE_DATE_EPOCH=1764385200 docker_run metadata /usr/local/bin/openkf-build-metadata "${META_INPUTS[@]}" SOURCE_DATE_EPOCH=1764385200 >"$WORK/metadata.log" 2>&1
status=$?
set -e
check; [[ $status == 0 ]] || fail "metadata action exited $status: $(tail -5 "$WORK/metadata.log")"
# the same inputs through the host binary (runner_env again gives the same variables)
runner_env host
HOST_ENV=()
for v in "${ENV_VARS[@]}"; do
  case $v in
    GITHUB_WORKSPACE=*) HOST_ENV+=("GITHUB_WORKSPACE=$WORKSPACE") ;;
    GITHUB_EVENT_PATH=*) HOST_ENV+=("GITHUB_EVENT_PATH=$TEMP/_github_workflow/event.json") ;;
    GITHUB_OUTPUT=*) HOST_ENV+=("GITHUB_OUTPUT=$WORK/host-output") ;;
    GITHUB_ENV=*|GITHUB_PATH=*|GITHUB_STATE=*|GITHUB_STEP_SUMMARY=*) HOST_ENV+=("${v%%=*}=$WORK/host-${v%%=*}") ;;
    RUNNER_TEMP=*) HOST_ENV+=("RUNNER_TEMP=$WORK/host-temp") ;;
    *) HOST_ENV+=("$v") ;;
  esac
done
mkdir -p "$WORK/host-temp"
(cd "$WORKSPACE" && env -i PATH="$PATH" "${HOST_ENV[@]}" "${META_INPUTS[@]}" SOURCE_DATE_EPOCH=1764385200 "$HOST_BIN" metadata >"$WORK/host-metadata.log" 2>&1) ||
  fail "host binary metadata failed: $(tail -5 "$WORK/host-metadata.log")"
for name in version tags tag-names labels annotations json; do
  check
  [[ "$(output "$TEMP/_runner_file_commands/set_output_metadata" "$name" 2>&1)" == "$(output "$WORK/host-output" "$name" 2>&1)" ]] ||
    fail "metadata output $name differs between the image and the host binary"
done
check; [[ $(output "$TEMP/_runner_file_commands/set_output_metadata" version) == 1.2.3 ]] || fail "metadata version is not 1.2.3"
check
"$(bash "$ROOT/scripts/ensure-ci-tools.sh")/python3" - "$ROOT/metadata/action.yml" "$TEMP/_runner_file_commands/set_output_metadata" <<'PY' || fail "metadata outputs and metadata/action.yml outputs differ"
import re, sys, yaml
declared = set(yaml.safe_load(open(sys.argv[1]))["outputs"])
written = set(re.findall(r"^([a-z0-9-]+)<<", open(sys.argv[2]).read(), re.M))
sys.exit(0 if declared == written else 1)
PY

set +e
docker_run metadata-git /usr/local/bin/openkf-build-metadata "INPUT_IMAGES=ghcr.io/openimsdk/openkf-server" \
  "INPUT_TAGS=type=semver,pattern={{version}}" "INPUT_CONTEXT=git" "INPUT_GITHUB-TOKEN=ghs_runner_test_token" \
  GITHUB_REF=refs/heads/other >"$WORK/metadata-git.log" 2>&1
status=$?
set -e
check; [[ $status == 0 ]] || fail "metadata context: git exited $status: $(tail -5 "$WORK/metadata-git.log")"
check; [[ $(output "$TEMP/_runner_file_commands/set_output_metadata-git" tags 2>/dev/null) == "ghcr.io/openimsdk/openkf-server:1.2.3"$'\n'"ghcr.io/openimsdk/openkf-server:latest" ]] ||
  fail "context: git on a workspace owned by uid 1001 gave tags '$(output "$TEMP/_runner_file_commands/set_output_metadata-git" tags 2>&1)'"

# ---------------------------------------------------------------- secrets
# Files left behind must not hold them at all; the logs only in ::add-mask:: commands (which
# the runner consumes before it prints anything).
for password in "${PASSWORDS[@]}" ghs_runner_test_token; do
  check
  if grep -rqF -- "$password" "$TEMP" "$WORKSPACE"; then
    fail "a secret appears in $(grep -rlF -- "$password" "$TEMP" "$WORKSPACE" | head -3 | tr '\n' ' ')"
  fi
  check
  if cat "$WORK"/*.log | grep -v '^::add-mask::' | grep -qF -- "$password"; then
    fail "a secret appears unmasked in the step logs"
  fi
done
check; [[ -z $(docker ps -aq --filter label=okf-runner-test) ]] || fail "containers left behind"

say "$checks checks, $failures failed"
((failures == 0))
