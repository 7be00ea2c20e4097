#!/usr/bin/env bash
# make act: the project's workflows through act (nektos/act from PyPI), fully offline, against
# the local registries, then checks what the registries serve.
#
#   1. dogfood  .github/workflows/ci.yml, job dogfood, for a push to main: uses ./metadata and
#               uses ./ build the action's own image (linux/amd64) from a snapshot of this
#               working tree and push it to the three registries.
#   2. consumer examples/openkf.yml in a small OpenKF-shaped repository (server/ and
#               deploy/docker/Dockerfile.server from examples/), for a v1.2.3 tag push, with
#               the remote form openimsdk/openkf-build-action@v1 served from a clean snapshot
#               (act's --local-repository): linux/amd64 + linux/arm64 (QEMU), main and post
#               steps as users get them. The only changes to the example: image hosts point at
#               the local registries (and the *-registry inputs with them), and qemu-image
#               names the offline stand-in (the default is pinned by a digest only Docker Hub
#               serves).
#   3. many images examples/openkf-multi.yml (docker-bake.hcl: server, web, bot) and
#               examples/openim.yml (compose.build.yaml: twelve services from one Dockerfile)
#               in one repository, for a v1.2.3 tag push: every image tested on both platforms,
#               then published to the three registries, one step each.
# Needs root (make environment, stand-in images). Prints each step; about 3-5 minutes warm.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
t0=$(date +%s)
say() { printf '[act] [%4ds] %s\n' $(($(date +%s) - t0)) "$*"; }
failures=0 checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { checks=$((checks + 1)); }

TOOLS=$(bash "$ROOT/scripts/ensure-ci-tools.sh")
ACT=$TOOLS/act
bash "$ROOT/scripts/env/setup-environment.sh" --no-verify >/dev/null
bash "$ROOT/scripts/env/make-action-base-images.sh"

WORK=$(mktemp -d /tmp/okf-act.XXXXXX)
API_PID=
cleanup() { [[ -n $API_PID ]] && kill "$API_PID" 2>/dev/null; [[ -n ${KEEP:-} ]] || rm -rf "$WORK"; }
trap cleanup EXIT

# shellcheck source=scripts/lib/api-stand-in.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/api-stand-in.sh"
start_api_stand_in "$WORK"

registry() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['$1']['$2'])"; }
HOST_DOCKERHUB=$(registry dockerhub host) HOST_ACR=$(registry acr host) HOST_GHCR=$(registry ghcr host)
# The default qemu-image is pinned by a digest only Docker Hub serves: offline, the runs name
# the stand-in scripts/env/make-binfmt-image.sh tags in the engine.
QEMU_STAND_IN=tonistiigi/binfmt:qemu-v7.0.0-28
for name in dockerhub acr ghcr; do
  DOCKER_CONFIG=$WORK/inspect-config docker login "$(registry "$name" host)" -u "$(registry "$name" username)" \
    --password-stdin <"$(registry "$name" password_file)" >/dev/null 2>&1 || { echo "cannot log in to $name" >&2; exit 1; }
done

# snapshot DIR: this working tree's tracked and untracked (not ignored) files as a one-commit
# repository; act packs whole folders, so .build and other ignored files must stay out.
snapshot() {
  mkdir -p "$1"
  (cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$1")
  git -C "$1" init -q -b main
  git -C "$1" add -A
  git -C "$1" -c user.name=okf -c user.email=okf@example.invalid commit -q -m snapshot
}

# secrets FILE NAME=VALUE...: act's secret file (dotenv, double-quoted, escaped), mode 0600
secrets() {
  local file=$1
  shift
  python3 - "$file" "$@" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
for pair in sys.argv[2:]:
    name, value = pair.split("=", 1)
    value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    os.write(fd, f'{name}="{value}"\n'.encode())
os.close(fd)
PY
}

# serves REF PLATFORMS...: REF is an index with exactly these platforms (attestations aside),
# or, for one platform, a plain image manifest whose configuration names it
serves() {
  local ref=$1 raw platform
  shift
  raw=$(DOCKER_CONFIG=$WORK/inspect-config docker buildx imagetools inspect --raw "$ref" 2>/dev/null) || return 1
  if ! grep -q '"manifests"' <<<"$raw"; then
    platform=$(DOCKER_CONFIG=$WORK/inspect-config docker buildx imagetools inspect "$ref" --format '{{json .Image}}' 2>/dev/null |
      python3 -c 'import json, sys; c = json.load(sys.stdin); print(c["os"] + "/" + c["architecture"])') || return 1
    [[ $# == 1 && $platform == "$1" ]]
    return
  fi
  python3 -c '
import json, sys
doc = json.loads(sys.stdin.read())
found = sorted(m["platform"]["os"] + "/" + m["platform"]["architecture"] for m in doc["manifests"]
               if m.get("platform", {}).get("os") != "unknown")
sys.exit(0 if found == sorted(sys.argv[1:]) else 1)
' "$@" <<<"$raw"
}

run_act() {  # run_act NAME DIR ARGS...: act in DIR, log in $WORK/NAME.log
  local name=$1 dir=$2 status
  shift 2
  set +e
  (cd "$dir" && "$ACT" -P ubuntu-24.04=debian:bookworm-slim --pull=false --action-offline-mode --rm \
    --env GITHUB_API_URL="$API_URL" "$@" </dev/null >"$WORK/$name.log" 2>&1)
  status=$?
  set -e
  return $status
}

no_secret_in() {  # no_secret_in LOG SECRET...: act prints ***, never the value
  local log=$1 secret
  shift
  for secret in "$@"; do
    check
    if grep -v '::add-mask::' "$log" | grep -qF -- "$secret"; then fail "$(basename "$log") shows a secret"; fi
  done
}

PASS_DOCKERHUB=$(cat "$(registry dockerhub password_file)")
PASS_ACR=$(cat "$(registry acr password_file)")
PASS_GHCR=$(cat "$(registry ghcr password_file)")
AUTH=""
for name in dockerhub acr ghcr; do
  AUTH+="- registry: $(registry "$name" host)"$'\n'"  username: $(registry "$name" username)"$'\n'"  password: '$(cat "$(registry "$name" password_file)")'"$'\n'
done

# ------------------------------------------------------------------ 1. dogfood
say "1. dogfood: ci.yml job dogfood (uses ./metadata, uses ./), push to main, linux/amd64"
snapshot "$WORK/self"
SELF_SHA=$(git -C "$WORK/self" rev-parse HEAD)
cat >"$WORK/push-main.json" <<JSON
{"ref": "refs/heads/main", "before": "0000000000000000000000000000000000000000", "after": "$SELF_SHA",
 "repository": {"default_branch": "main", "name": "openkf-build-action", "full_name": "openimsdk/openkf-build-action"},
 "head_commit": {"id": "$SELF_SHA", "timestamp": "2026-11-29T03:00:00Z"}}
JSON
secrets "$WORK/self.secrets" "REGISTRY_AUTH=$AUTH"
SELF_REPO="okf-act/openkf-build-action-$$"
IMAGES="$HOST_DOCKERHUB/$SELF_REPO,$HOST_ACR/$SELF_REPO,$HOST_GHCR/$SELF_REPO"
check
if run_act dogfood "$WORK/self" push -W .github/workflows/ci.yml -j dogfood -e "$WORK/push-main.json" \
  --secret-file "$WORK/self.secrets" --var "ACTION_IMAGES=$IMAGES" --var "QEMU_IMAGE=$QEMU_STAND_IN"; then
  say "   act exited 0"
else
  fail "dogfood: act failed"; tail -25 "$WORK/dogfood.log" >&2
fi
for host in "$HOST_DOCKERHUB" "$HOST_ACR" "$HOST_GHCR"; do
  for tag in main "sha-${SELF_SHA:0:7}"; do
    check; serves "$host/$SELF_REPO:$tag" linux/amd64 || fail "dogfood: $host/$SELF_REPO:$tag is not a linux/amd64 image"
  done
done
check; grep -q "Success - Main Check the outputs" "$WORK/dogfood.log" || fail "dogfood: the output check step did not succeed"
check; grep -q "Post Build and publish the action image" "$WORK/dogfood.log" || fail "dogfood: no post step ran"
no_secret_in "$WORK/dogfood.log" "$PASS_DOCKERHUB" "$PASS_ACR" "$PASS_GHCR"
# the image the dogfood pushed is a working action image
check
DOCKER_CONFIG=$WORK/inspect-config docker pull -q "$HOST_GHCR/$SELF_REPO:main" >/dev/null 2>&1 &&
  [[ $(docker run --rm "$HOST_GHCR/$SELF_REPO:main" --version) == "openkf-build "* ]] ||
  fail "dogfood: the pushed action image does not run"
docker image rm -f "$HOST_GHCR/$SELF_REPO:main" >/dev/null 2>&1 || true

# ------------------------------------------------------------------ 2. consumer
say "2. consumer: examples/openkf.yml with openimsdk/openkf-build-action@v1, tag v1.2.3, two platforms"
snapshot "$WORK/action-v1"  # what @v1 resolves to: a clean snapshot, no .build
APP=$WORK/openkf
mkdir -p "$APP/server" "$APP/deploy/docker" "$APP/.github/workflows"
cp -r "$ROOT/examples/www" "$APP/server/"
cp "$ROOT/examples/Dockerfile" "$APP/deploy/docker/Dockerfile.server"
APP_REPO="okf-act/openkf-server-$$"
python3 - "$ROOT/examples/openkf.yml" "$APP/.github/workflows/openkf-server-image.yml" \
  "$HOST_DOCKERHUB" "$HOST_ACR" "$HOST_GHCR" "$APP_REPO" "$QEMU_STAND_IN" <<'PY'
import sys
source, target, hub, acr, ghcr, repo, qemu = sys.argv[1:]
text = open(source).read()
# only the registries move: image names, and the hosts the credential shortcuts are for
replacements = {
    "            openim/openkf-server\n": f"            {hub}/{repo}\n",
    "            registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server\n": f"            {acr}/{repo}\n",
    "            ghcr.io/openimsdk/openkf-server\n": f"            {ghcr}/{repo}\n",
    "          dockerhub-username:": f"          dockerhub-registry: {hub}\n          aliyun-registry: {acr}\n          ghcr-registry: {ghcr}\n"
                              f"          qemu-image: {qemu}\n          dockerhub-username:",
}
for old, new in replacements.items():
    assert text.count(old) == 1, f"examples/openkf.yml changed: {old!r} not found once"
    text = text.replace(old, new)
open(target, "w").write(text)
PY
git -C "$APP" init -q -b main
git -C "$APP" add -A
git -C "$APP" -c user.name=okf -c user.email=okf@example.invalid commit -q -m "openkf-server"
git -C "$APP" tag v1.2.3
APP_SHA=$(git -C "$APP" rev-parse HEAD)
cat >"$WORK/push-tag.json" <<JSON
{"ref": "refs/tags/v1.2.3", "before": "0000000000000000000000000000000000000000", "after": "$APP_SHA",
 "repository": {"default_branch": "main", "name": "openkf", "full_name": "openimsdk/openkf"},
 "head_commit": {"id": "$APP_SHA", "timestamp": "2026-11-29T03:00:00Z"}}
JSON
secrets "$WORK/app.secrets" "DOCKER_USERNAME=$(registry dockerhub username)" "DOCKER_PASSWORD=$PASS_DOCKERHUB" \
  "ALIREGISTRY_USERNAME=$(registry acr username)" "ALIREGISTRY_TOKEN=$PASS_ACR" "GITHUB_TOKEN=$PASS_GHCR"
check
# actions/upload-artifact keeps the log of a failed run; offline it is a stand-in that fails if
# it ever runs (the run must succeed, so the step must be skipped)
mkdir -p "$WORK/upload-artifact"
printf 'name: upload-artifact stand-in\nruns:\n  using: composite\n  steps:\n    - run: echo "upload-artifact ran on a successful run" && exit 1\n      shell: bash\n' \
  >"$WORK/upload-artifact/action.yml"
if run_act consumer "$APP" push -e "$WORK/push-tag.json" --secret-file "$WORK/app.secrets" \
  --actor "$(registry ghcr username)" --local-repository "openimsdk/openkf-build-action@v1=$WORK/action-v1" \
  --local-repository "actions/upload-artifact@v6=$WORK/upload-artifact"; then
  say "   act exited 0"
else
  fail "consumer: act failed"; tail -25 "$WORK/consumer.log" >&2
fi
for host in "$HOST_DOCKERHUB" "$HOST_ACR" "$HOST_GHCR"; do
  for tag in 1.2.3 v1.2.3 1.2 1 "sha-${APP_SHA:0:7}"; do
    check; serves "$host/$APP_REPO:$tag" linux/amd64 linux/arm64 || fail "consumer: $host/$APP_REPO:$tag is not a linux/amd64+linux/arm64 index"
  done
  check; ! serves "$host/$APP_REPO:latest" linux/amd64 linux/arm64 || fail "consumer: a tag push moved latest in $host"
done
check; grep -q "Success - Main Published" "$WORK/consumer.log" || fail "consumer: the step after the action did not see pushed=true"
check; grep -q "Post Build and publish openkf-server" "$WORK/consumer.log" || fail "consumer: the post step did not run"
check; ! grep -q "upload-artifact ran" "$WORK/consumer.log" || fail "consumer: the log upload ran on a successful run"
check; grep -q "Keep the build log of a failed run" "$WORK/consumer.log" || fail "consumer: act did not see the log upload step"
check; ! grep -q "Failure - Post" "$WORK/consumer.log" || fail "consumer: the post step failed"
no_secret_in "$WORK/consumer.log" "$PASS_DOCKERHUB" "$PASS_ACR" "$PASS_GHCR"

# ------------------------------------------------------------------ 3. many images
say "3. many images: examples/openkf-multi.yml (bake file: server, web, bot) and examples/openim.yml (compose file: 12 services), tag v1.2.3"
MULTI=$WORK/multi
mkdir -p "$MULTI/.github/workflows" "$MULTI/deploy/docker" "$MULTI/build/images"
for target in server web bot; do
  mkdir -p "$MULTI/$target"
  cp -r "$ROOT/examples/www" "$MULTI/$target/"
  cp "$ROOT/examples/Dockerfile" "$MULTI/deploy/docker/Dockerfile.$target"
done
cp "$ROOT/examples/docker-bake.hcl" "$ROOT/examples/openim/compose.build.yaml" "$MULTI/"
cp "$ROOT/examples/openim/Dockerfile" "$MULTI/build/images/Dockerfile"
MULTI_REPO="okf-act/multi-$$"
python3 - "$ROOT/examples" "$MULTI/.github/workflows" "$HOST_DOCKERHUB" "$HOST_ACR" "$HOST_GHCR" "$MULTI_REPO" "$QEMU_STAND_IN" <<'PY'
import sys
examples, workflows, hub, acr, ghcr, repo, qemu = sys.argv[1:]
for name, prefix in [("openkf-multi.yml", "openkf-"), ("openim.yml", "")]:
    text = open(f"{examples}/{name}").read()
    # only the registries move: image names, and the hosts the credential shortcuts are for
    replacements = {
        f"            openim/{prefix}{{target}}\n": f"            {hub}/{repo}-{{target}}\n",
        f"            registry.cn-hangzhou.aliyuncs.com/openimsdk/{prefix}{{target}}\n": f"            {acr}/{repo}-{{target}}\n",
        f"            ghcr.io/openimsdk/{prefix}{{target}}\n": f"            {ghcr}/{repo}-{{target}}\n",
        "          dockerhub-username:": f"          dockerhub-registry: {hub}\n          aliyun-registry: {acr}\n          ghcr-registry: {ghcr}\n"
                                  f"          qemu-image: {qemu}\n          dockerhub-username:",
    }
    for old, new in replacements.items():
        assert text.count(old) == 1, f"examples/{name} changed: {old!r} not found once"
        text = text.replace(old, new)
    open(f"{workflows}/{name}", "w").write(text)
PY
git -C "$MULTI" init -q -b main
git -C "$MULTI" add -A
git -C "$MULTI" -c user.name=okf -c user.email=okf@example.invalid commit -q -m "openkf and openim images"
git -C "$MULTI" tag v1.2.3
MULTI_SHA=$(git -C "$MULTI" rev-parse HEAD)
sed "s/$APP_SHA/$MULTI_SHA/g" "$WORK/push-tag.json" >"$WORK/push-tag-multi.json"
check
if run_act many "$MULTI" push -e "$WORK/push-tag-multi.json" --secret-file "$WORK/app.secrets" \
  --actor "$(registry ghcr username)" --local-repository "openimsdk/openkf-build-action@v1=$WORK/action-v1"; then
  say "   act exited 0"
else
  fail "many images: act failed"; tail -25 "$WORK/many.log" >&2
fi
OPENIM="openim-api openim-msggateway openim-msgtransfer openim-push openim-crontask openim-rpc-auth openim-rpc-user openim-rpc-friend openim-rpc-group openim-rpc-conversation openim-rpc-msg openim-rpc-third"
for host in "$HOST_DOCKERHUB" "$HOST_ACR" "$HOST_GHCR"; do
  for target in server web bot; do
    check; serves "$host/$MULTI_REPO-$target:1.2.3" linux/amd64 linux/arm64 || fail "many images: $host/$MULTI_REPO-$target:1.2.3 is not a linux/amd64+linux/arm64 index"
  done
  for service in $OPENIM; do
    check; serves "$host/$MULTI_REPO-$service:v1.2.3" linux/amd64 linux/arm64 || fail "many images: $host/$MULTI_REPO-$service:v1.2.3 is not a linux/amd64+linux/arm64 index"
  done
  check; ! serves "$host/$MULTI_REPO-redis:v1.2.3" linux/amd64 || fail "many images: a compose service without build was published"
done
check; [[ $(grep -c "The smoke test passed for" "$WORK/many.log") -ge 30 ]] || fail "many images: not every image was tested on both platforms"
check; [[ $(grep -c "Success - Main Published" "$WORK/many.log") == 2 ]] || fail "many images: a step after the action did not see pushed=true"
no_secret_in "$WORK/many.log" "$PASS_DOCKERHUB" "$PASS_ACR" "$PASS_GHCR"

# act rebuilds act-*-dockeraction:latest on every run; the images it replaced are left dangling
docker image prune --force >/dev/null 2>&1 || true
say "$checks checks, $failures failed${KEEP:+ (logs: $WORK)}"
((failures == 0))
