#!/usr/bin/env bash
# Makes sure the tools the test suite needs are present: Swift (the machine's toolchain), and
# from Debian's packages python3, git, tzdata (the IANA zones behind {{date ... tz=...}}),
# and openssl with libssl3 (https in the HTTP client, loaded at run time; the TLS tests).
set -euo pipefail
missing=()
command -v swift >/dev/null || { echo "swift is not on PATH: install the Swift 6 toolchain" >&2; exit 1; }
command -v python3 >/dev/null || missing+=(python3)
command -v git >/dev/null || missing+=(git)
command -v openssl >/dev/null || missing+=(openssl)
command -v bc >/dev/null || missing+=(bc)  # the benchmarks
[ -x /usr/bin/time ] || missing+=(time)    # peak memory in the tests and benchmarks
[ -e /usr/lib/x86_64-linux-gnu/libssl.so.3 ] || [ -e /lib/x86_64-linux-gnu/libssl.so.3 ] || missing+=(libssl3)
[ -f /usr/share/zoneinfo/tzdata.zi ] || missing+=(tzdata)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "need root to install ${missing[*]} (apt-get)" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
