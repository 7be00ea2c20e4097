# shellcheck shell=bash
# registries WORK NAME...: for the local stand-ins NAME..., sets hosts and ports (arrays) and auth
# (a registry-auth input), and logs the docker configuration WORK/config in to each. Uses the
# caller's `field NAME KEY` (a key of the stand-in in env.json).
# shellcheck disable=SC2034  # hosts, ports and auth are the caller's
registries() {
  local work=$1 name
  shift
  hosts=() ports=() auth=""
  for name in "$@"; do
    hosts+=("$(field "$name" host)"); ports+=("$(field "$name" port)")
    auth+="- registry: $(field "$name" host)"$'\n'"  username: $(field "$name" username)"$'\n'"  password: '$(cat "$(field "$name" password_file)")'"$'\n'
  done
  mkdir -p "$work/config"
  for name in "$@"; do
    docker --config "$work/config" login -u "$(field "$name" username)" --password-stdin "$(field "$name" host)" <"$(field "$name" password_file)" >/dev/null 2>&1
  done
}
