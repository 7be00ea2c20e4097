#!/usr/bin/env bash
# The whole test suite: warning-free builds, unit tests, the shared conformance kit (normal and
# strict), this project's own recorded metadata cases, then the real environment (Docker
# engine, buildx, QEMU, registries; scripts/env) and the end-to-end tests against it.
# Prints each step with its duration. A missing engine or registry fails the run.
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
step "environment: engine, buildx, QEMU, registries" make --no-print-directory environment
step "end-to-end tests (real registries)" make --no-print-directory e2e
echo "all test steps passed"
