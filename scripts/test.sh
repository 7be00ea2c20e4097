#!/usr/bin/env bash
# The whole test suite: warning-free builds, unit tests, the shared conformance kit (normal and
# strict; where it exists), this project's own recorded metadata cases (its own harness), the
# action files and workflows (actionlint, the release pin script), then the real environment
# (Docker engine, buildx, QEMU, registries; scripts/env), the end-to-end tests against it, the
# action image started as GitHub's runner starts it, and the workflows through act.
# Prints each step with its duration. A missing engine or registry fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
# The shared conformance kit lives beside the repository; a clone made elsewhere (git clone .
# /tmp/x) finds it beside the repository it was cloned from.
if [ -z "${KIT:-}" ]; then
    KIT=$(cd .. && pwd)/shared/conformance/metadata
    origin=$(git remote get-url origin 2>/dev/null || true)
    if [ ! -x "$KIT/compare" ] && [ -d "$origin" ]; then
        KIT=$(cd "$origin/.." && pwd)/shared/conformance/metadata
    fi
fi
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
# The shared kit lies beside the repository in the company's workspace and CI; a checkout made
# anywhere else (GitHub, a user's clone) has none. There the project's own recorded cases (run
# by its own harness) are the conformance suite, and the run says so.
if [ -x "$KIT/compare" ]; then
    step "conformance kit (normal and --strict)" make --no-print-directory conformance KIT="$KIT"
else
    echo "==> conformance kit: none at $KIT (a checkout without ../shared); the project's own recorded cases below are the suite"
fi
step "own recorded cases (strict)" make --no-print-directory own-cases
step "action files and workflows (inputs, actionlint, release pin)" make --no-print-directory check-action
step "environment: engine, buildx, QEMU, registries" make --no-print-directory environment
step "end-to-end tests (real registries)" make --no-print-directory e2e
step "action image, started as the runner starts it" make --no-print-directory action-image-test
step "workflows through act (dogfood, consumer of @v1)" make --no-print-directory act
echo "all test steps passed"
