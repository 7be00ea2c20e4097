#!/usr/bin/env bash
# Throughput of the client's two heavy loops on one file of SIZE_MB (default 1024) random
# bytes, side by side in one run, RUNS (default 3) interleaved rounds, medians:
#   - SHA-256: sha256sum against the client's libcrypto (EVP) path and its portable Swift code;
#   - upload on loopback: curl -T against SocketHTTPClient streaming the file (with and
#     without hashing while sending), to a sink that reads and discards the body (the sink is
#     the same for all, so the clients are what differs), and to the acr registry (CNCF
#     distribution writing to disk: what a push meets).
# Usage: bench/throughput.sh   (needs the environment for the registry row: make environment)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
STATE=${OKF_ENV_DIR:-/var/lib/openkf-test-env}
SCRATCH=${SCRATCH:-/tmp/okf-throughput-build}
swift build -c release --package-path bench/client --scratch-path "$SCRATCH" --product okf-throughput >/dev/null
BIN=$SCRATCH/release/okf-throughput

work=$(mktemp -d /tmp/okf-throughput.XXXXXX)
sink_pid=
cleanup() { [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
file=$work/blob.bin
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$file"
hex=$(sha256sum "$file" | cut -d' ' -f1)

coproc SINK { "$BIN" sink; }
sink_pid=$SINK_PID
read -r port <&"${SINK[0]}"
sink="http://127.0.0.1:$port/upload"

field() { python3 -c "import json; print(json.load(open('$STATE/env.json'))['registries']['acr']['$1'])"; }
acr=$(field host) user=$(field username) password_file=$(field password_file)
curlcfg=$work/curl.cfg
(umask 077; printf 'user = "%s:%s"\n' "$user" "$(cat "$password_file")" >"$curlcfg"; printf '%s:%s' "$user" "$(cat "$password_file")" >"$work/basic")
acr_session() {  # a fresh upload session's commit URL on acr
  local location
  location=$(curl -sS -K "$curlcfg" -X POST -D - -o /dev/null "http://$acr/v2/okf-bench/throughput/blobs/uploads/" |
    tr -d '\r' | awk -F': ' 'tolower($1)=="location" {print $2}')
  case $location in http*) ;; *) location="http://$acr$location" ;; esac
  echo "$location&digest=sha256%3A$hex"
}

seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
declare -A t
add() { t[$1]="${t[$1]:-} $2"; }
for round in $(seq "$RUNS"); do
  add sha256sum "$(seconds sha256sum "$file")"
  read -r s digest < <("$BIN" hash libcrypto "$file"); [ "$digest" = "sha256:$hex" ] || { echo "libcrypto digest differs" >&2; exit 1; }
  add libcrypto "$s"
  read -r s digest < <("$BIN" hash portable "$file"); [ "$digest" = "sha256:$hex" ] || { echo "portable digest differs" >&2; exit 1; }
  add portable "$s"
  add curl-sink "$(seconds curl -sS -H 'Expect:' -T "$file" -o /dev/null "$sink")"
  read -r s status < <("$BIN" put "$sink" "$file"); add ours-sink "$s"
  read -r s status < <("$BIN" put "$sink" "$file" --digest); add ours-hash-sink "$s"
  # acr: a fresh session per upload (distribution needs the Basic credentials on the PUT too)
  url=$(acr_session)
  add curl-acr "$(seconds curl -sS -K "$curlcfg" -H 'Expect:' -H 'Content-Type: application/octet-stream' -T "$file" -o /dev/null "$url")"
  url=$(acr_session)
  read -r s status < <("$BIN" put "$url" "$file" --digest --basic-file "$work/basic")
  [ "$status" = 201 ] || { echo "our PUT to acr answered $status" >&2; exit 1; }
  add ours-hash-acr "$s"
  echo "    round $round done"
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rate() { echo "$SIZE_MB / $(median "${t[$1]}")" | bc -l; }
echo "${SIZE_MB} MiB file, medians of $RUNS rounds:"
printf '  %-52s %8s %10s\n' "" "seconds" "MiB/s"
for key in sha256sum libcrypto portable curl-sink ours-sink ours-hash-sink curl-acr ours-hash-acr; do
  case $key in
    sha256sum) label="SHA-256: sha256sum" ;;
    libcrypto) label="SHA-256: openkf-build (libcrypto EVP)" ;;
    portable) label="SHA-256: openkf-build (portable Swift, fallback)" ;;
    curl-sink) label="upload to a discarding sink: curl -T" ;;
    ours-sink) label="upload to a discarding sink: openkf-build" ;;
    ours-hash-sink) label="upload to a discarding sink: openkf-build + SHA-256" ;;
    curl-acr) label="upload to acr (distribution): curl -T" ;;
    ours-hash-acr) label="upload to acr (distribution): openkf-build + SHA-256" ;;
  esac
  printf '  %-52s %8.2f %10.0f\n' "$label" "$(median "${t[$key]}")" "$(rate "$key")"
done
printf '  ratios: libcrypto / sha256sum %.2f, openkf-build + hash / curl (sink) %.2f, (acr) %.2f\n' \
  "$(echo "$(median "${t[sha256sum]}") / $(median "${t[libcrypto]}")" | bc -l)" \
  "$(echo "$(median "${t[curl-sink]}") / $(median "${t[ours-hash-sink]}")" | bc -l)" \
  "$(echo "$(median "${t[curl-acr]}") / $(median "${t[ours-hash-acr]}")" | bc -l)"
echo "  (ratios above 1: the client is faster)"
