#!/usr/bin/env bash
# Speed of the metadata step, built as the action image builds it (release, Swift runtime and
# Foundation linked in statically), optionally beside docker/metadata-action on node.
# Usage: bench/metadata.sh [RUNS]     (METADATA_ACTION_DIST=.../dist/index.cjs to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
exec python3 bench/metadata_bench.py .build-static/release/openkf-build "${1:-30}"
