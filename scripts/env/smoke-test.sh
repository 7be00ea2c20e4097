#!/usr/bin/env bash
# smoke-test.sh - checks the environment made by setup-environment.sh.
#
# For each push target in $OKF_ENV_DIR/env.json (dockerhub, acr, ghcr, token, tls, far):
#   docker login (private DOCKER_CONFIG), then
#   docker buildx build --platform linux/amd64,linux/arm64 --push  of a tiny image
#   FROM the local busybox base whose RUN step prints `uname -m`
#   (the linux/arm64 step must print aarch64, the linux/amd64 one x86_64), then
#   docker buildx imagetools inspect: the tag must be an index with both platforms.
# Then checks of what stands behind some of them:
#   dockerhub  a blob GET answers 307 to the S3 endpoint (moto), which serves the blob;
#   ghcr       the front's 401 names only pull scope and it refuses a cross-repository mount;
#   far        the push went through the daemon's proxy (tinyproxy logged CONNECTs to it),
#              and a direct connection from the host is refused.
# Ends with "N passed, N failed"; exits non-zero if anything failed.
set -Eeuo pipefail

OKF_ENV_DIR="${OKF_ENV_DIR:-/var/lib/openkf-test-env}"
STATE="$OKF_ENV_DIR/env.json"
RUN_ID="$(date -u +%Y%m%d%H%M%S)-$$"
PASSED=0
FAILED=0
WORK=""

# okf_forget_mount_sources (sourcing defines functions only; it does not run the setup)
# shellcheck source-path=SCRIPTDIR source=setup-environment.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/setup-environment.sh"

log() { printf '[smoke] %s\n' "$*" >&2; }

cleanup() {
  if [[ -n $WORK && -d $WORK ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

now_us() { echo "${EPOCHREALTIME/./}"; }
fmt_secs() { printf '%d.%01ds' $(($1 / 1000000)) $((($1 % 1000000) / 100000)); }

state_get() {  # state_get PYTHON-EXPRESSION over `s` (the parsed env.json)
  /usr/bin/python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); v = eval(sys.argv[2]); print("\n".join(v) if isinstance(v, list) else v)' \
    "$STATE" "$1"
}

pass() { PASSED=$((PASSED + 1)); log "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); log "FAIL $*"; }

# is_index REF: the registry serves REF as an image index with linux/amd64 and linux/arm64
is_index() {
  docker buildx imagetools inspect --raw "$1" | /usr/bin/python3 -c '
import json, sys
doc = json.load(sys.stdin)
kinds = ("application/vnd.oci.image.index.v1+json",
         "application/vnd.docker.distribution.manifest.list.v2+json")
have = {"%s/%s" % (m["platform"]["os"], m["platform"]["architecture"])
        for m in doc.get("manifests", []) if "platform" in m}
print("mediaType=%s platforms=%s" % (doc.get("mediaType"), ",".join(sorted(have))))
sys.exit(0 if doc.get("mediaType") in kinds and {"linux/amd64", "linux/arm64"} <= have else 1)'
}

make_context() {
  local base=$1
  mkdir -p "$WORK/context"
  cat >"$WORK/context/Dockerfile" <<EOF
FROM $base
ARG TARGETPLATFORM
RUN echo "okf-smoke platform=\$TARGETPLATFORM uname=\$(uname -m)" | tee /smoke.txt
EOF
}

smoke_registry() {
  local name=$1 host user pwfile ref logf t0 out proxy
  host=$(state_get "s['registries']['$name']['host']")
  user=$(state_get "s['registries']['$name']['username']")
  pwfile=$(state_get "s['registries']['$name']['password_file']")
  ref="$host/okf-smoke/hello:$RUN_ID"
  logf="$WORK/build-$name.log"
  t0=$(now_us)

  if ! docker login "$host" -u "$user" --password-stdin <"$pwfile" >/dev/null 2>&1; then
    fail "$name: docker login $host -u $user"
    return 0
  fi
  # --no-cache so that every build really runs the RUN step under QEMU for arm64
  if ! docker buildx build --progress=plain --no-cache \
    --platform linux/amd64,linux/arm64 -t "$ref" --push "$WORK/context" >"$logf" 2>&1; then
    fail "$name: docker buildx build --push $ref (log below)"
    tail -n 20 "$logf" >&2
    return 0
  fi
  if ! grep -q 'okf-smoke platform=linux/arm64 uname=aarch64' "$logf"; then
    fail "$name: the linux/arm64 RUN step did not print aarch64: $(grep -o 'okf-smoke platform=.*' "$logf" | sort -u | tr '\n' ' ')"
    return 0
  fi
  if ! grep -q 'okf-smoke platform=linux/amd64 uname=x86_64' "$logf"; then
    fail "$name: the linux/amd64 RUN step did not print x86_64"
    return 0
  fi
  # the buildx client itself talks to the registry: a registry behind a proxy needs it here
  proxy=$(state_get "s['registries']['$name'].get('https_proxy') or ''")
  if ! out=$(HTTPS_PROXY=$proxy is_index "$ref" 2>&1); then
    fail "$name: imagetools inspect $ref: $out"
    return 0
  fi
  pass "$name: $ref built (arm64 RUN: aarch64), pushed, $out ($(fmt_secs $(($(now_us) - t0))))"
}

# check_s3 NAME REF: a layer blob of REF answers 307 to the registry's S3 endpoint
check_s3() {
  local name=$1 ref=$2 endpoint out
  endpoint=$(state_get "s['registries']['$name']['s3']['endpoint']")
  if out=$(docker buildx imagetools inspect --raw "$ref" 2>&1 | /usr/bin/python3 -c '
import base64, json, sys, urllib.parse, urllib.request, http.client
host, user, pwfile, endpoint = sys.argv[1:5]
index = json.load(sys.stdin)
auth = "Basic " + base64.b64encode(("%s:%s" % (user, open(pwfile).read().strip())).encode()).decode()
repo = "okf-smoke/hello"
child = next(m for m in index["manifests"] if m.get("platform", {}).get("architecture") == "arm64")
request = urllib.request.Request("http://%s/v2/%s/manifests/%s" % (host, repo, child["digest"]),
                                 headers={"Authorization": auth, "Accept": child["mediaType"]})
layer = json.load(urllib.request.urlopen(request, timeout=10))["layers"][-1]["digest"]
connection = http.client.HTTPConnection(host, timeout=10)
connection.request("GET", "/v2/%s/blobs/%s" % (repo, layer), headers={"Authorization": auth})
response = connection.getresponse()
location = response.getheader("Location") or ""
if response.status != 307 or not location.startswith(endpoint + "/"):
    sys.exit("GET blob gave %d Location %r" % (response.status, location))
data = urllib.request.urlopen(location, timeout=10).read()
import hashlib
if "sha256:" + hashlib.sha256(data).hexdigest() != layer:
    sys.exit("the presigned URL did not serve the blob")
print("blob %s... 307 -> %s, %d bytes" % (layer[:19], endpoint, len(data)))
' "$(state_get "s['registries']['$name']['host']")" "$(state_get "s['registries']['$name']['username']")" \
    "$(state_get "s['registries']['$name']['password_file']")" "$endpoint"); then
    pass "$name: S3 redirect: $out"
  else
    fail "$name: S3 redirect: $out"
  fi
}

check_ghcr_front() {
  local host challenge code
  host=$(state_get "s['registries']['ghcr']['host']")
  challenge=$(curl -s -D - -o /dev/null "http://$host/v2/okf-smoke/hello/blobs/uploads/" -X POST |
    tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')
  if [[ $challenge != *'scope="repository:okf-smoke/hello:pull"'* ]]; then
    fail "ghcr front: a push request's challenge is not pull-only: $challenge"
    return 0
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST \
    "http://$host/v2/okf-smoke/hello/blobs/uploads/?mount=sha256:$(printf '0%.0s' {1..64})&from=okf-smoke/other")
  if [[ $code == 201 ]]; then
    fail "ghcr front: a cross-repository mount gave 201, wanted a refusal"
    return 0
  fi
  pass "ghcr front: pull-only challenge ($challenge), mount not granted ($code)"
}

check_far() {
  local host proxy log before=$1 after code=0
  host=$(state_get "s['registries']['far']['host']")
  proxy=$(state_get "s['registries']['far']['https_proxy']")
  log=$(state_get "s['registries']['far']['proxy']['log']")
  after=$(grep -c "CONNECT $host" "$log" 2>/dev/null || true)
  if ((${after:-0} <= ${before:-0})); then
    fail "far: tinyproxy logged no CONNECT to $host during the push ($log)"
    return 0
  fi
  curl -s -o /dev/null --max-time 5 --noproxy '*' "https://$host/v2/" || code=$?
  if [[ $code != 7 ]]; then
    fail "far: a direct curl https://$host/v2/ ended with exit $code, wanted 7 (refused)"
    return 0
  fi
  pass "far: the push went through $proxy ($((after - ${before:-0})) CONNECTs logged), direct connection refused"
}

main() {
  [[ -f $STATE ]] || { log "no $STATE: run setup-environment.sh first"; exit 2; }
  WORK=$(mktemp -d /tmp/okf-smoke.XXXXXX)
  export DOCKER_CONFIG="$WORK/docker-config"
  mkdir -m 0700 "$DOCKER_CONFIG"

  local base name t0
  base=$(state_get "s['base_images']['busybox']")
  make_context "$base"
  t0=$(now_us)
  log "base image $base, run id $RUN_ID"
  local far_before
  far_before=$(grep -c "CONNECT $(state_get "s['registries']['far']['host']")" \
    "$(state_get "s['registries']['far']['proxy']['log']")" 2>/dev/null || true)
  for name in $(state_get "s['push_targets']"); do
    if [[ $name == ghcr ]]; then
      # the front refuses mounts with 403, which BuildKit does not survive: no mount candidates
      log "forgot the 127.0.0.1 mount sources of $(okf_forget_mount_sources 127.0.0.1) blobs before the ghcr push"
    fi
    smoke_registry "$name"
    case $name in
      dockerhub) check_s3 dockerhub "$(state_get "s['registries']['dockerhub']['host']")/okf-smoke/hello:$RUN_ID" ;;
      ghcr) check_ghcr_front ;;
      far) check_far "$far_before" ;;
    esac
  done
  log "total $(fmt_secs $(($(now_us) - t0)))"
  echo "smoke: $PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

main "$@"
