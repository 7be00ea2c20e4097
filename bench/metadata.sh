#!/usr/bin/env bash
# Speed of the metadata step (release build), optionally beside docker/metadata-action on node.
# Usage: bench/metadata.sh [RUNS]     (METADATA_ACTION_DIST=.../dist/index.cjs to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release -Xswiftc -warnings-as-errors >/dev/null
exec python3 bench/metadata_bench.py .build/release/openkf-build "${1:-30}"
