#!/usr/bin/env bash
# teardown-environment.sh - stops what setup-environment.sh started: registries, the ghcr
# front, the token server, moto (S3; its in-memory data is lost), tinyproxy; deletes the
# network namespaces okf-tls and okf-far, /etc/netns/okf-far and the registry.far.test line
# in /etc/hosts; removes its CA from the trust stores and puts binfmt qemu-aarch64 back as
# it was. Docker keeps running; apt packages, /etc/docker/daemon.json (with its proxies),
# the trixie pin and the moto venv ($OKF_ENV_DIR/tools) stay.
#   teardown-environment.sh            keep $OKF_ENV_DIR (registry data, caches, keys)
#   teardown-environment.sh --purge    also delete $OKF_ENV_DIR
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/setup-environment.sh" --reset "$@"
