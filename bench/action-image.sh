#!/usr/bin/env bash
# The action image: its size (compressed, as a runner pulls it: each layer gzip -6, as
# `docker push` compresses them, or the stored gzip blob where the engine keeps layers
# compressed; and uncompressed per layer) and the time from `docker run` to
# the binary's first output, side by side with the same `docker run` of the bare runtime base
# image (debian:bookworm-slim) printing a line, interleaved, N rounds.
# Usage: bench/action-image.sh IMAGE [N]      (make bench-image builds the image first)
#        CONTEXT=DIR bench/action-image.sh IMAGE [N]   also builds DIR (the Dockerfile of IMAGE) as
#        the release image is published (buildx, compression=zstd, compression-level=19) and
#        prints its layers' sizes
#        BEFORE=OTHER-IMAGE bench/action-image.sh IMAGE [N]   also prints OTHER-IMAGE's sizes
#        (e.g. an image built from an older Dockerfile) beside IMAGE's
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

layer_sizes() {  # one line a layer, bottom first: gzip -6 bytes, uncompressed bytes; then the total
  docker save "$1" | python3 -c '
import json, sys, tarfile, zlib
archive = tarfile.open(fileobj=sys.stdin.buffer, mode="r|")
members = {}
for member in archive:  # a stream: keep what is needed as it passes
    if member.isfile():
        data = archive.extractfile(member).read()
        if member.name == "manifest.json":
            members[member.name] = data
        elif data[:2] == b"\x1f\x8b":  # stored compressed (the containerd image store): as pushed
            members[member.name] = (len(data), len(zlib.decompress(data, 47)))
        else:
            compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
            members[member.name] = (len(compressor.compress(data)) + len(compressor.flush()), len(data))
    elif member.issym():
        members[member.name] = member.linkname
def sizes(name):
    value = members[name]
    while isinstance(value, str):  # a link to the blob
        name = value if not value.startswith("../") else value[3:]
        value = members.get(name) or members.get("blobs/sha256/" + name.rsplit("/", 1)[-1])
    return value
total = 0
for layer in json.loads(members["manifest.json"])[0]["Layers"]:
    compressed, raw = sizes(layer)
    total += compressed
    print(compressed, raw)
print(total)
'
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
describe() {  # the sizes of image $1
  local sizes
  mapfile -t sizes < <(layer_sizes "$1")
  echo "image $1"
  echo "  compressed (what a runner pulls: the layers, gzip -6): $(mb "${sizes[-1]}")"
  echo "  layers, bottom first (compressed / uncompressed, the step that made it):"
  local steps i=0
  mapfile -t steps < <(docker history --no-trunc --format '{{.Size}}\t{{.CreatedBy}}' "$1" | grep -v '^0B' | tac | cut -f2 | cut -c1-80)
  for line in "${sizes[@]:0:${#sizes[@]}-1}"; do
    read -r compressed raw <<<"$line"
    printf '    %9s / %9s  %s\n' "$(mb "$compressed")" "$(mb "$raw")" "${steps[$i]:-}"
    i=$((i + 1))
  done
}
if [[ -n ${BEFORE:-} ]]; then describe "$BEFORE"; echo; fi
describe "$IMAGE"
if [[ -n ${CONTEXT:-} ]]; then
  export_dir=$(mktemp -d /tmp/okf-zstd.XXXXXX)
  docker buildx build -q --output "type=oci,dest=$export_dir/image.tar,compression=zstd,compression-level=19,force-compression=true" "$CONTEXT" >/dev/null
  echo "  as the release image is published (buildx, zstd, compression-level=19), linux/$(docker version -f '{{.Server.Arch}}'):"
  python3 - "$export_dir/image.tar" <<'PY'
import json, sys, tarfile
archive = tarfile.open(sys.argv[1])
def read(digest):
    return json.load(archive.extractfile("blobs/sha256/" + digest.split(":")[1]))
document = read(json.load(archive.extractfile("index.json"))["manifests"][0]["digest"])
if "manifests" in document:
    document = read(next(m for m in document["manifests"] if m.get("platform", {}).get("os") == "linux")["digest"])
sizes = [layer["size"] for layer in document["layers"]]
print("    layers, bottom first: " + ", ".join(f"{size / 1e6:.1f}" for size in sizes) + " MB")
print(f"    compressed (what a runner pulls of the pinned release image): {sum(sizes) / 1e6:.1f} MB")
PY
  rm -rf "$export_dir"
fi

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
