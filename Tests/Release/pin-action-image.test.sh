#!/usr/bin/env bash
# Tests scripts/release/pin-action-image.py on copies of the real action files.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pin="$root/scripts/release/pin-action-image.py"
# PyYAML validates the result: the workflow tools' environment has it on every machine
python=${PYTHON:-$(bash "$root/scripts/ensure-ci-tools.sh")/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { checks=$((checks + 1)); }

fresh() {  # fresh DIR: copies of the repository's action files
  rm -rf "$1" && mkdir -p "$1/metadata"
  cp "$root/action.yml" "$1/action.yml"
  cp "$root/metadata/action.yml" "$1/metadata/action.yml"
}

digest_a=sha256:$(printf a | sha256sum | cut -c1-64)
digest_b=sha256:$(printf b | sha256sum | cut -c1-64)
ref_a="ghcr.io/openimsdk/openkf-build-action@$digest_a"
ref_b="ghcr.io/openimsdk/openkf-build-action@$digest_b"

# 1. a valid reference rewrites exactly the image line of both files
fresh "$work/ok"
"$python" "$pin" "$ref_a" "$work/ok" >/dev/null
for f in action.yml metadata/action.yml; do
  check
  changed=$(diff "$root/$f" "$work/ok/$f" | grep -c '^[<>]' || true)
  [[ $changed == 2 ]] || fail "$f: $changed changed lines, wanted 1 removed + 1 added"
  check
  grep -qx "  image: 'docker://$ref_a'" "$work/ok/$f" || fail "$f does not name docker://$ref_a"
  check
  "$python" - "$work/ok/$f" "$ref_a" <<'PY' || fail "$f: the rewritten file does not parse or lost its entrypoints"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
runs = doc["runs"]
assert runs["using"] == "docker" and runs["image"] == "docker://" + sys.argv[2], runs
assert runs.get("post-entrypoint", runs.get("entrypoint", "")).startswith("/usr/local/bin/openkf-build-")
assert "args" not in runs
assert doc["inputs"] and doc["outputs"]
PY
done

# 2. a pinned release can be re-pinned (a re-run of the release workflow)
check
"$python" "$pin" "$ref_b" "$work/ok" >/dev/null || fail "re-pinning a pinned file failed"
grep -qx "  image: 'docker://$ref_b'" "$work/ok/action.yml" || fail "re-pin did not write $ref_b"

# 3. bad references: exit 1, a message naming the value, both files untouched
for bad in "ghcr.io/openimsdk/openkf-build-action:v1" "ghcr.io/OpenIMSDK/openkf-build-action@$digest_a" \
  "ghcr.io/openimsdk/openkf-build-action@sha256:abc" "openkf-build-action@$digest_a" ""; do
  fresh "$work/bad"
  check
  set +e
  message=$("$python" "$pin" "$bad" "$work/bad" 2>&1 >/dev/null)
  status=$?
  set -e
  [[ $status == 1 ]] || fail "'$bad': exit $status, wanted 1"
  [[ $message == *"'$bad'"* ]] || fail "'$bad': message does not quote the value: $message"
  cmp -s "$root/action.yml" "$work/bad/action.yml" || fail "'$bad': action.yml was modified"
done

# 4. a broken action file is refused and nothing is written, not even the good one
fresh "$work/two"
printf "  image: 'Dockerfile'\n" >>"$work/two/metadata/action.yml"
check
if "$python" "$pin" "$ref_a" "$work/two" 2>"$work/err"; then fail "two image lines were accepted"; fi
grep -q "exactly one 'image:' line" "$work/err" || fail "two image lines: unexpected message $(cat "$work/err")"
cmp -s "$root/action.yml" "$work/two/action.yml" || fail "action.yml was written although metadata/action.yml was refused"

fresh "$work/args"
printf "  args: ['metadata']\n" >>"$work/args/metadata/action.yml"
check
if "$python" "$pin" "$ref_a" "$work/args" 2>"$work/err"; then fail "runs.args was accepted"; fi
grep -q "runs.args" "$work/err" || fail "runs.args: unexpected message $(cat "$work/err")"

echo "pin-action-image: $checks checks, $failures failed"
((failures == 0))
