#!/usr/bin/env bash
# The action image: its size (compressed, as pulled; uncompressed per layer) and the time
# from `docker run` to the binary's first output, side by side with the same `docker run` of
# the bare runtime base image (debian:bookworm-slim) printing a line, interleaved, N rounds.
# Usage: bench/action-image.sh IMAGE [N]      (make bench-image builds the image first)
set -euo pipefail
IMAGE=${1:?usage: bench/action-image.sh IMAGE [N]}
N=${2:-15}
BASE=debian:bookworm-slim

first_output_ms() {  # ms from docker run until the first byte on stdout
  python3 - "$@" <<'PY'
import subprocess, sys, time
start = time.monotonic()
process = subprocess.Popen(["docker", "run", "--rm"] + sys.argv[1:], stdout=subprocess.PIPE)
process.stdout.read(1)
elapsed = (time.monotonic() - start) * 1000
process.wait()
print(f"{elapsed:.0f}")
PY
}

compressed=$(docker image inspect -f '{{.Size}}' "$IMAGE")
echo "image $IMAGE"
echo "  compressed (what a runner pulls): $((compressed / 1000000)) MB"
echo "  layers (uncompressed):"
docker history --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" | grep -v '^0B' | cut -c1-100 | sed 's/^/    /'

action=() base=()
for _ in $(seq "$N"); do
  action+=("$(first_output_ms "$IMAGE" --version)")
  base+=("$(first_output_ms --entrypoint /bin/echo "$BASE" ready)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median "${action[@]}") b=$(median "${base[@]}")
echo "docker run to first output, median of $N interleaved runs:"
echo "  action image (openkf-build --version): $a ms"
echo "  $BASE (/bin/echo):             $b ms"
awk -v a="$a" -v b="$b" 'BEGIN { printf "  ratio action/base: %.2f (the binary adds %d ms)\n", a / b, a - b }'
