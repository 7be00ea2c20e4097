#!/usr/bin/env bash
# The whole test suite: warning-free builds, unit tests, the shared conformance kit (normal and
# strict) and this project's own recorded metadata cases. Prints each step with its duration.
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${KIT:-$(cd .. && pwd)/shared/conformance/metadata}
export KIT

step() {
    local name=$1
    shift
    local start=$SECONDS
    echo "==> $name"
    "$@"
    echo "<== $name ($((SECONDS - start)) s)"
}

step "tools" bash scripts/ensure-tools.sh
step "release build (warnings are errors)" make --no-print-directory release
step "unit tests" make --no-print-directory unit
step "conformance kit (normal and --strict)" make --no-print-directory conformance KIT="$KIT"
step "own recorded cases (strict)" make --no-print-directory own-cases KIT="$KIT"
echo "all test steps passed"
