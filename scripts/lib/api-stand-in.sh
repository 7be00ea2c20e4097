# shellcheck shell=bash
# shellcheck disable=SC2034  # API_PID and API_URL are for the scripts that source this
# Sourced by the demo, the benchmarks and the shell tests.
# start_api_stand_in DIR: starts the GitHub REST API stand-in (scripts/github_api_stand_in.py)
# with its stdin on a FIFO in DIR held open by fd 9 (it stops when the shell exits), and sets
# API_PID and API_URL (http://127.0.0.1:PORT).
start_api_stand_in() {
  local dir=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkfifo "$dir/api-in"
  python3 "$root/scripts/github_api_stand_in.py" <"$dir/api-in" >"$dir/api-port" &
  API_PID=$!
  exec 9>"$dir/api-in"
  for _ in $(seq 50); do [[ -s $dir/api-port ]] && break; sleep 0.1; done
  [[ -s $dir/api-port ]] || { echo "the GitHub API stand-in did not start" >&2; return 1; }
  API_URL="http://127.0.0.1:$(cat "$dir/api-port")"
}
