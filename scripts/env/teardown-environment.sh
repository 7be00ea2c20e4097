#!/usr/bin/env bash
# teardown-environment.sh - stops what setup-environment.sh started: registries,
# token server, network namespace okf-tls; removes its CA from the trust stores and
# puts binfmt qemu-aarch64 back as it was. Docker keeps running; apt packages,
# /etc/docker/daemon.json and the trixie pin stay.
#   teardown-environment.sh            keep $OKF_ENV_DIR (registry data, caches, keys)
#   teardown-environment.sh --purge    also delete $OKF_ENV_DIR
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/setup-environment.sh" --reset "$@"
