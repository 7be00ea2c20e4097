#!/usr/bin/env bash
# smoke-test.sh - checks the environment made by setup-environment.sh.
#
# For each push target in $OKF_ENV_DIR/env.json (dockerhub, acr, ghcr, token, tls):
#   docker login (private DOCKER_CONFIG), then
#   docker buildx build --platform linux/amd64,linux/arm64 --push  of a tiny image
#   FROM the local busybox base whose RUN step prints `uname -m`
#   (the linux/arm64 step must print aarch64, the linux/amd64 one x86_64), then
#   docker buildx imagetools inspect: the tag must be an index with both platforms.
# Ends with "N passed, N failed"; exits non-zero if anything failed.
set -Eeuo pipefail

OKF_ENV_DIR="${OKF_ENV_DIR:-/var/lib/openkf-test-env}"
STATE="$OKF_ENV_DIR/env.json"
RUN_ID="$(date -u +%Y%m%d%H%M%S)-$$"
PASSED=0
FAILED=0
WORK=""

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
  local name=$1 host user pwfile ref logf t0 out
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
  if ! out=$(is_index "$ref" 2>&1); then
    fail "$name: imagetools inspect $ref: $out"
    return 0
  fi
  pass "$name: $ref built (arm64 RUN: aarch64), pushed, $out ($(fmt_secs $(($(now_us) - t0))))"
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
  for name in $(state_get "s['push_targets']"); do
    smoke_registry "$name"
  done
  log "total $(fmt_secs $(($(now_us) - t0)))"
  echo "smoke: $PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

main "$@"
