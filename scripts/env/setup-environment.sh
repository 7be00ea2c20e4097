#!/usr/bin/env bash
# setup-environment.sh - test environment for openkf-build-action.
#
# Installs and starts, on Debian 12 as root without systemd:
#   - Docker engine 26 + buildx + containerd from trixie (pinned), containerd image store,
#     the daemon's https-proxy set to the okf-far proxy (see far below);
#   - QEMU user emulation for linux/arm64 (binfmt_misc qemu-aarch64);
#   - moto_server (S3, PyPI, in a venv) on 127.0.0.1:5010 for the S3-backed registries;
#   - CNCF distribution registries:
#       base       127.0.0.1:5000    anonymous, holds the local base images
#       dockerhub  127.0.0.1:5001    htpasswd, S3 storage with redirects (like Docker Hub)
#       acr        127.0.0.1:5002    htpasswd   (stands in for Alibaba Cloud ACR)
#       ghcr       127.0.0.1:5003    a front (fault-proxy.py --forever) that gives pull-only
#                                    challenges and refuses mounts, before ghcr-backend,
#                                    127.0.0.1:5013, token auth (stands in for GHCR)
#       token      127.0.0.1:5004    token auth, S3 storage; token server on 127.0.0.1:5005
#       tls        10.210.0.2:5443   htpasswd over TLS with a private CA, inside
#                                    network namespace okf-tls (host side 10.210.0.1)
#       far        registry.far.test:5443  htpasswd over TLS, on 127.0.0.1 inside network
#                                    namespace okf-far: reachable only through tinyproxy
#                                    at 10.211.0.2:3128 (host side 10.211.0.1)
#   - base images localhost:5000/base/busybox (amd64+arm64 index) and, with
#     --with-debian, localhost:5000/base/debian:bookworm (amd64, debootstrap).
# Writes $OKF_ENV_DIR/env.json (default /var/lib/openkf-test-env/env.json).
#
# Usage:
#   setup-environment.sh [--with-debian] [--no-verify]
#   setup-environment.sh --reset [--purge]        stop what it started (= teardown)
#   setup-environment.sh --binfmt on|off|restore|status
#   source setup-environment.sh                   defines the okf_* functions only
#
# Safe to re-run: every step checks what is already there and skips it.

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------

OKF_ENV_DIR="${OKF_ENV_DIR:-/var/lib/openkf-test-env}"
OKF_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

OKF_NETNS=okf-tls
OKF_VETH_HOST=okf-tls0
OKF_VETH_NS=okf-tls1
OKF_NETNS_HOST_IP=10.210.0.1
OKF_NETNS_IP=10.210.0.2
OKF_NETNS_PREFIX=30

# the registry behind a proxy: netns okf-far, tinyproxy on its veth address
OKF_FAR_NETNS=okf-far
OKF_FAR_VETH_HOST=okf-far0
OKF_FAR_VETH_NS=okf-far1
OKF_FAR_HOST_IP=10.211.0.1
OKF_FAR_IP=10.211.0.2
OKF_FAR_NAME=registry.far.test
OKF_FAR_PROXY_PORT=3128
OKF_FAR_PROXY="http://$OKF_FAR_IP:$OKF_FAR_PROXY_PORT"
OKF_DOCKER_NO_PROXY="localhost,127.0.0.0/8,::1,$OKF_NETNS_IP"
OKF_HOSTS_MARK="# openkf-test-env"

OKF_TOKEN_PORT=5005
OKF_TOKEN_SERVICE=okf-token-registry
OKF_GHCR_SERVICE=okf-ghcr-registry
OKF_TOKEN_ISSUER=okf-token-server

# ghcr: the front on 5003 (fault-proxy.py) before the token registry ghcr-backend
OKF_GHCR_FRONT_PORT=5003
OKF_GHCR_FRONT_OPTIONS=(--pull-only-challenges --refuse-mounts 202)

# S3 for the dockerhub and token registries: moto from PyPI, data in memory
OKF_MOTO_VERSION=5.2.6
OKF_S3_PORT=5010
OKF_S3_ENDPOINT="http://127.0.0.1:$OKF_S3_PORT"
OKF_S3_VENV_REL=tools/s3-venv

OKF_BASE_BUSYBOX=localhost:5000/base/busybox
OKF_BASE_DEBIAN=localhost:5000/base/debian:bookworm
OKF_DEBIAN_MIRROR=http://deb.debian.org/debian

OKF_CA_SYSTEM_FILE=/usr/local/share/ca-certificates/openkf-test-env-ca.crt
OKF_DAEMON_JSON=/etc/docker/daemon.json
# dockerd outlives --reset/--purge, so its log and pid file live outside the state dir
OKF_DOCKERD_LOG=/var/log/openkf-dockerd.log
OKF_DOCKERD_PID=/run/openkf-dockerd.pid
OKF_BINFMT_DIR=/proc/sys/fs/binfmt_misc
OKF_BINFMT_ENTRY=qemu-aarch64

# Registry table (distribution processes):
#   name  listen-address  port  auth  storage  netns  stands-for
OKF_REGISTRIES=(
  "base         127.0.0.1     5000 none     filesystem -         local-base-images"
  "dockerhub    127.0.0.1     5001 htpasswd s3         -         docker.io"
  "acr          127.0.0.1     5002 htpasswd filesystem -         registry.cn-hangzhou.aliyuncs.com"
  "ghcr-backend 127.0.0.1     5013 token    filesystem -         ghcr.io"
  "token        127.0.0.1     5004 token    s3         -         token-auth-registry"
  "tls          $OKF_NETNS_IP    5443 htpasswd filesystem $OKF_NETNS   tls-registry"
  "far          127.0.0.1     5443 htpasswd filesystem $OKF_FAR_NETNS   registry-behind-an-http-proxy"
)
OKF_PUSH_TARGETS=(dockerhub acr ghcr token tls far)

OKF_APT_TRIXIE=(docker.io docker-cli docker-buildx containerd)
OKF_APT_BOOKWORM=(docker-registry apache2-utils qemu-user-static binfmt-support
                  iproute2 debootstrap openssl busybox-static curl ca-certificates
                  tinyproxy python3-venv)

# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------

OKF_STEP_NO=0
OKF_CURRENT_STEP="start-up"

log()  { printf '[okf-env] %s\n' "$*" >&2; }
info() { printf '[okf-env]     %s\n' "$*" >&2; }

die() {
  printf '[okf-env] ERROR in step "%s": %s\n' "$OKF_CURRENT_STEP" "$*" >&2
  exit 1
}

on_error() {
  local rc=$1 line=$2 cmd=$3
  # with errtrace the trap also runs in command substitutions: report once, at the top
  if [[ $BASHPID != "$$" ]]; then exit "$rc"; fi
  printf '[okf-env] FAILED in step "%s" (line %s, exit %s): %s\n' \
    "$OKF_CURRENT_STEP" "$line" "$rc" "$cmd" >&2
  exit "$rc"
}

now_us() { echo "${EPOCHREALTIME/./}"; }

fmt_secs() {  # microseconds -> "12.3s"
  local us=$1
  printf '%d.%01ds' $((us / 1000000)) $(((us % 1000000) / 100000))
}

run_step() {
  local title=$1
  shift
  OKF_STEP_NO=$((OKF_STEP_NO + 1))
  OKF_CURRENT_STEP=$title
  log "==> [$OKF_STEP_NO] $title"
  local t0
  t0=$(now_us)
  "$@"
  log "    done: $title ($(fmt_secs $(($(now_us) - t0))))"
}

# Writes stdin to FILE only when the content differs; returns 0 if it changed.
write_if_changed() {
  local file=$1 mode=${2:-0644} tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if [[ -f $file ]] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
    return 1
  fi
  mv -f "$tmp" "$file"
  return 0
}

files_fingerprint() {  # short hash over the files that exist among the arguments
  local file
  for file in "$@"; do
    if [[ -f $file ]]; then printf '%s\n' "$file"; cat "$file"; fi
  done | sha256sum | cut -c1-16
}

wait_until() {  # wait_until SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
  info "$what is up"
}

# ---------------------------------------------------------------------------
# Registry table accessors
# ---------------------------------------------------------------------------

reg_field() {  # reg_field NAME INDEX  (1=address 2=port 3=auth 4=storage 5=netns 6=stands-for)
  local row fields
  for row in "${OKF_REGISTRIES[@]}"; do
    read -r -a fields <<<"$row"
    if [[ ${fields[0]} == "$1" ]]; then
      echo "${fields[$2]}"
      return 0
    fi
  done
  return 1
}

reg_names() {
  local row
  for row in "${OKF_REGISTRIES[@]}"; do echo "${row%% *}"; done
}

reg_host() {  # name as used in image references
  local name=$1
  case $name in
    base) echo "localhost:$(reg_field base 2)" ;;
    ghcr) echo "127.0.0.1:$OKF_GHCR_FRONT_PORT" ;;
    far) echo "$OKF_FAR_NAME:$(reg_field far 2)" ;;
    *) echo "$(reg_field "$name" 1):$(reg_field "$name" 2)" ;;
  esac
}

reg_scheme() { if [[ $1 == tls || $1 == far ]]; then echo https; else echo http; fi; }
# ghcr (the front) and ghcr-backend share one account: okf-ghcr, auth/ghcr.password
reg_account() { if [[ $1 == ghcr-backend ]]; then echo ghcr; else echo "$1"; fi; }
reg_user() { echo "okf-$(reg_account "$1")"; }
reg_password_file() { echo "$OKF_ENV_DIR/auth/$(reg_account "$1").password"; }
reg_token_service() { if [[ $1 == ghcr-backend ]]; then echo "$OKF_GHCR_SERVICE"; else echo "$OKF_TOKEN_SERVICE"; fi; }
reg_s3_bucket() { echo "okf-$1"; }

# ---------------------------------------------------------------------------
# Process helpers (only processes whose pid files we wrote)
# ---------------------------------------------------------------------------

pid_file() { echo "$OKF_ENV_DIR/run/$1.pid"; }

service_pid() {  # prints the pid if the service NAME is running
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  # the pid must still be our command (its command line names our state dir)
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$OKF_ENV_DIR" || return 1
  echo "$pid"
}

pid_alive() {  # a zombie (already exited, not yet reaped) counts as gone
  [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) != Z ]]
}

stop_service() {
  local name=$1 pid
  if pid=$(service_pid "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      pid_alive "$pid" || break
      sleep 0.1
    done
    if pid_alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      info "killed $name (pid $pid): it ignored SIGTERM for 5 s"
    else
      info "stopped $name (pid $pid)"
    fi
  fi
  rm -f "$(pid_file "$name")" "$OKF_ENV_DIR/run/$name.fingerprint"
}

# start_service NAME FINGERPRINT COMMAND... ; restarts it when FINGERPRINT changed
start_service() {
  local name=$1 fingerprint=$2
  shift 2
  local fp_file="$OKF_ENV_DIR/run/$name.fingerprint" log_file="$OKF_ENV_DIR/logs/$name.log"
  if service_pid "$name" >/dev/null; then
    if [[ -f $fp_file && $(<"$fp_file") == "$fingerprint" ]]; then
      info "$name already running (pid $(service_pid "$name"))"
      return 0
    fi
    info "$name configuration changed: restarting"
    stop_service "$name"
  fi
  printf '\n=== %s start %s\n' "$name" "$(date -u +%FT%TZ)" >>"$log_file"
  # AWS_CA_BUNDLE (set on some machines) makes distribution's s3 driver panic with
  # LoadCustomCABundleError: none of our services gets it
  setsid env -u AWS_CA_BUNDLE "$@" >>"$log_file" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  echo "$fingerprint" >"$fp_file"
  info "started $name (pid $!), log $log_file"
}

port_listener_pid() {  # pid listening on 127.0.0.1:PORT in the host namespace, if any
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true
}

check_port_free_or_ours() {
  local name=$1 port=$2 owner ours=""
  owner=$(port_listener_pid "$port")
  [[ -z $owner ]] && return 0
  ours=$(service_pid "$name" || true)
  [[ $owner == "$ours" ]] && return 0
  die "port $port (for $name) is used by another process (pid $owner: $(tr '\0' ' ' <"/proc/$owner/cmdline" 2>/dev/null))"
}

# ---------------------------------------------------------------------------
# binfmt (also for tests: source this file, then call these)
# ---------------------------------------------------------------------------

okf_binfmt_status() {  # prints enabled | disabled | absent
  local entry="$OKF_BINFMT_DIR/$OKF_BINFMT_ENTRY"
  if [[ ! -e $entry ]]; then
    echo absent
  elif head -n1 "$entry" | grep -q '^enabled'; then
    echo enabled
  else
    echo disabled
  fi
}

okf_binfmt_mount() {
  if [[ ! -e $OKF_BINFMT_DIR/register ]]; then
    mount -t binfmt_misc binfmt_misc "$OKF_BINFMT_DIR"
    mkdir -p "$OKF_ENV_DIR/binfmt"
    touch "$OKF_ENV_DIR/binfmt/mounted-by-us"
  fi
}

okf_binfmt_on() {
  okf_binfmt_mount
  if [[ $(okf_binfmt_status) != enabled ]]; then
    update-binfmts --enable "$OKF_BINFMT_ENTRY" >&2
  fi
  [[ $(okf_binfmt_status) == enabled ]] || { echo "qemu-aarch64 did not register" >&2; return 1; }
}

# Unregisters the handler (the "no emulator present" case). Note: BuildKit keeps
# listing linux/arm64 afterwards; arm64 RUN steps then fail with "exec format error".
okf_binfmt_off() {
  local entry="$OKF_BINFMT_DIR/$OKF_BINFMT_ENTRY"
  if [[ -e $entry ]]; then
    echo -1 >"$entry"
  fi
  [[ $(okf_binfmt_status) == absent ]]
}

okf_binfmt_record_original() {
  local record="$OKF_ENV_DIR/binfmt/$OKF_BINFMT_ENTRY.original"
  mkdir -p "$OKF_ENV_DIR/binfmt"
  if [[ ! -f $record ]]; then
    if [[ -e $OKF_BINFMT_DIR/register ]]; then okf_binfmt_status >"$record"; else echo absent >"$record"; fi
  fi
}

# Puts the handler back as it was before setup first touched it.
okf_binfmt_restore() {
  local record="$OKF_ENV_DIR/binfmt/$OKF_BINFMT_ENTRY.original" original
  [[ -f $record ]] || return 0
  original=$(<"$record")
  case $original in
    enabled) okf_binfmt_on ;;
    absent) okf_binfmt_off ;;
    disabled)
      okf_binfmt_on
      echo 0 >"$OKF_BINFMT_DIR/$OKF_BINFMT_ENTRY"
      ;;
  esac
  info "binfmt $OKF_BINFMT_ENTRY restored to: $original"
  # unmount binfmt_misc again if we mounted it and nothing else is registered there
  if [[ -f $OKF_ENV_DIR/binfmt/mounted-by-us ]]; then
    if [[ -z $(find "$OKF_BINFMT_DIR" -mindepth 1 -maxdepth 1 ! -name register ! -name status) ]]; then
      umount "$OKF_BINFMT_DIR" && info "unmounted $OKF_BINFMT_DIR (mounted by setup)"
    fi
    rm -f "$OKF_ENV_DIR/binfmt/mounted-by-us"
  fi
}

# BuildKit tries a cross-repository mount for every layer whose content-store label
# containerd.io/distribution.source.<host> names another repository of that host (the label
# key has no port: every 127.0.0.1 registry shares it). The ghcr front refuses mounts with
# 403, and containerd gives up on a 403 (it falls back to a plain upload only after a 401),
# so before a BuildKit push to the front, forget those labels (tests: source this file).
okf_forget_mount_sources() {  # okf_forget_mount_sources [HOST]  (default 127.0.0.1)
  local key="containerd.io/distribution.source.${1:-127.0.0.1}" digest count=0
  local ctr_cmd=(ctr --address /var/run/docker/containerd/containerd.sock -n moby)
  while read -r digest; do
    "${ctr_cmd[@]}" content label "$digest" "$key=" >/dev/null
    count=$((count + 1))
  done < <("${ctr_cmd[@]}" content ls 2>/dev/null | awk -v key="$key=" 'NR > 1 && index($NF, key) { print $1 }')
  echo "$count"
}

# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------

step_preflight() {
  [[ $EUID -eq 0 ]] || die "must run as root"
  [[ -r /etc/debian_version ]] || die "not a Debian system"
  command -v apt-get >/dev/null || die "apt-get not found"
  ((BASH_VERSINFO[0] >= 5)) || die "bash 5 or newer is needed (EPOCHREALTIME)"
  mkdir -p "$OKF_ENV_DIR"/{auth,pki,registries,run,logs,cache,binfmt}
  chmod 0700 "$OKF_ENV_DIR/auth"
  chmod 0755 "$OKF_ENV_DIR/pki"  # certificates readable; every *.key is 0600
  touch "$OKF_ENV_DIR/.openkf-test-env"
  info "state dir $OKF_ENV_DIR, Debian $(cat /etc/debian_version)"
}

apt_packages_missing() {
  local pkg status
  for pkg in "${OKF_APT_TRIXIE[@]}" "${OKF_APT_BOOKWORM[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || { echo "$pkg"; continue; }
  done
  local engine
  engine=$(dpkg-query -W -f='${Version}' docker.io 2>/dev/null || true)
  if [[ -n $engine ]] && ! dpkg --compare-versions "$engine" ge 26; then
    echo "docker.io(>=26, have $engine)"
  fi
}

step_apt() {
  export DEBIAN_FRONTEND=noninteractive
  local need_update=0 missing

  if ! grep -rqsE '^\s*(Suites:.*\btrixie\b|deb .* trixie )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    write_if_changed /etc/apt/sources.list.d/openkf-trixie.sources <<'EOF' || true
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    need_update=1
  fi
  # trixie only where a package names it; never upgrade the system to trixie
  if printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' |
    write_if_changed /etc/apt/preferences.d/openkf-trixie; then
    need_update=1
  fi
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    need_update=1
  fi

  missing=$(apt_packages_missing)
  if [[ -z $missing && $need_update -eq 0 ]]; then
    info "all packages present: docker.io $(dpkg-query -W -f='${Version}' docker.io)"
    return 0
  fi
  info "missing: ${missing//$'\n'/ }"
  info "apt-get update"
  apt-get update -q >"$OKF_ENV_DIR/logs/apt.log" 2>&1 ||
    die "apt-get update failed, see $OKF_ENV_DIR/logs/apt.log"
  if [[ -n $missing ]]; then
    local pkgs=() p
    for p in "${OKF_APT_TRIXIE[@]}"; do pkgs+=("$p/trixie"); done
    pkgs+=("${OKF_APT_BOOKWORM[@]}")
    info "apt-get install ${pkgs[*]}"
    apt-get install -y -q --no-install-recommends "${pkgs[@]}" >>"$OKF_ENV_DIR/logs/apt.log" 2>&1 ||
      die "apt-get install failed, see $OKF_ENV_DIR/logs/apt.log"
  fi
  missing=$(apt_packages_missing)
  [[ -z $missing ]] || die "still missing after install: $missing"
  info "docker.io $(dpkg-query -W -f='${Version}' docker.io), docker-buildx $(dpkg-query -W -f='${Version}' docker-buildx), docker-registry $(dpkg-query -W -f='${Version}' docker-registry)"
}

docker_ok() { timeout 10 docker info >/dev/null 2>&1; }

docker_uses_containerd_store() {
  docker info --format '{{json .DriverStatus}}' 2>/dev/null | grep -q 'io.containerd.snapshotter'
}

docker_has_far_proxy() {
  [[ $(docker info --format '{{.HTTPSProxy}}' 2>/dev/null) == "$OKF_FAR_PROXY" ]]
}

start_dockerd() {
  setsid dockerd >>"$OKF_DOCKERD_LOG" 2>&1 </dev/null &
  echo $! >"$OKF_DOCKERD_PID"
  info "started dockerd (pid $!), log $OKF_DOCKERD_LOG"
  wait_until 90 "docker engine" docker_ok ||
    die "dockerd did not answer within 90 s; tail of log: $(tail -n 5 "$OKF_DOCKERD_LOG")"
}

stop_our_dockerd() {
  local pid
  pid=$(cat "$OKF_DOCKERD_PID" 2>/dev/null || true)
  [[ -n $pid ]] && pid_alive "$pid" && [[ $(cat /proc/"$pid"/comm) == dockerd ]] || return 1
  kill -TERM "$pid"
  for _ in $(seq 1 300); do pid_alive "$pid" || return 0; sleep 0.1; done
  die "dockerd (pid $pid) did not stop within 30 s"
}

step_docker() {
  mkdir -p /etc/docker
  local changed=0
  if /usr/bin/python3 - "$OKF_DAEMON_JSON" "$OKF_FAR_PROXY" "$OKF_DOCKER_NO_PROXY" <<'EOF'; then changed=1; fi
import json, os, sys
path, https_proxy, no_proxy = sys.argv[1:4]
config = {}
if os.path.exists(path):
    with open(path) as handle:
        text = handle.read().strip()
    config = json.loads(text) if text else {}
before = json.dumps(config, sort_keys=True)
config.setdefault("features", {})["containerd-snapshotter"] = True
# the daemon reaches registry.far.test only through the okf-far proxy
config.setdefault("proxies", {}).update({"https-proxy": https_proxy, "no-proxy": no_proxy})
if json.dumps(config, sort_keys=True) == before:
    sys.exit(1)
with open(path + ".tmp", "w") as handle:
    json.dump(config, handle, indent=2)
    handle.write("\n")
os.replace(path + ".tmp", path)
EOF
  if ((changed)); then info "wrote $OKF_DAEMON_JSON: $(tr -d ' \n' <"$OKF_DAEMON_JSON")"; fi

  if docker_ok; then
    if ! docker_has_far_proxy; then
      # daemon.json is read at start only: restart the engine if it is ours
      if stop_our_dockerd; then
        info "restarting our dockerd for the new $OKF_DAEMON_JSON"
        start_dockerd
      else
        die "a dockerd not started by this script runs without the proxy settings in $OKF_DAEMON_JSON; restart it"
      fi
    fi
    if docker_uses_containerd_store; then
      info "engine already running with the containerd image store"
    elif stop_our_dockerd; then
      info "restarting our dockerd for the containerd image store"
      start_dockerd
    else
      die "a dockerd not started by this script runs without the containerd image store; restart it (daemon.json is written)"
    fi
  else
    start_dockerd
  fi
  docker_uses_containerd_store || die "engine does not use the containerd image store"
  docker_has_far_proxy || die "engine does not use the https-proxy $OKF_FAR_PROXY of $OKF_DAEMON_JSON"
  docker buildx version >/dev/null 2>&1 || die "docker buildx plugin not found"
  info "engine $(docker version --format '{{.Server.Version}}'), client $(docker version --format '{{.Client.Version}}'), $(docker buildx version | cut -d' ' -f1-2)"
}

step_binfmt() {
  okf_binfmt_record_original
  okf_binfmt_on || die "could not register $OKF_BINFMT_ENTRY (see update-binfmts --display $OKF_BINFMT_ENTRY)"
  local entry="$OKF_BINFMT_DIR/$OKF_BINFMT_ENTRY" flags
  flags=$(sed -n 's/^flags: //p' "$entry")
  info "$OKF_BINFMT_ENTRY: $(okf_binfmt_status), interpreter $(sed -n 's/^interpreter //p' "$entry"), flags $flags (was: $(<"$OKF_ENV_DIR/binfmt/$OKF_BINFMT_ENTRY.original"))"
  [[ $flags == *F* ]] || die "$OKF_BINFMT_ENTRY lacks the F (fix binary) flag; containers cannot find the emulator"
}

make_key() {  # make_key FILE
  [[ -s $1 ]] || (umask 077 && openssl genrsa -out "$1" 2048 2>/dev/null)
}

# make_server_cert NAME SAN SAN-AS-PRINTED: pki/NAME.{key,crt}, signed by the CA
make_server_cert() {
  local name=$1 san=$2 printed=$3 pki="$OKF_ENV_DIR/pki"
  make_key "$pki/$name.key"
  if [[ ! -s $pki/$name.crt ]] || ! openssl verify -CAfile "$pki/ca.crt" "$pki/$name.crt" >/dev/null 2>&1 ||
    ! openssl x509 -in "$pki/$name.crt" -noout -ext subjectAltName 2>/dev/null | grep -q "$printed\$"; then
    openssl req -new -key "$pki/$name.key" -subj "/CN=${san#*:}" -out "$pki/$name.csr" 2>/dev/null
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
      "$san" >"$pki/$name.ext"
    openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
      -days 825 -sha256 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
    info "made TLS certificate pki/$name.crt for $san"
  fi
}

step_pki() {
  local pki="$OKF_ENV_DIR/pki"
  make_key "$pki/ca.key"
  if [[ ! -s $pki/ca.crt ]]; then
    openssl req -x509 -new -key "$pki/ca.key" -out "$pki/ca.crt" -days 3650 -sha256 \
      -subj "/CN=openkf test environment CA" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    info "made CA $pki/ca.crt"
  fi
  make_server_cert tls "IP:$OKF_NETNS_IP" "IP Address:$OKF_NETNS_IP"
  make_server_cert far "DNS:$OKF_FAR_NAME" "DNS:$OKF_FAR_NAME"
  make_key "$pki/token-signing.key"
  if [[ ! -s $pki/token-signing.crt ]]; then
    openssl req -x509 -new -key "$pki/token-signing.key" -out "$pki/token-signing.crt" -days 3650 \
      -sha256 -subj "/CN=$OKF_TOKEN_ISSUER" 2>/dev/null
    info "made token signing certificate"
  fi
  chmod 0600 "$pki"/*.key
  info "CA $(openssl x509 -in "$pki/ca.crt" -noout -fingerprint -sha256 | cut -d= -f2 | cut -c1-23)..."
}

step_trust_ca() {
  local ca="$OKF_ENV_DIR/pki/ca.crt" certs_d name
  for name in tls far; do
    certs_d="/etc/docker/certs.d/$(reg_host "$name")"
    mkdir -p "$certs_d"
    if write_if_changed "$certs_d/ca.crt" 0644 <"$ca"; then info "installed $certs_d/ca.crt"; fi
  done
  if write_if_changed "$OKF_CA_SYSTEM_FILE" 0644 <"$ca"; then
    update-ca-certificates >/dev/null 2>&1 || die "update-ca-certificates failed"
    info "installed CA into the system store ($OKF_CA_SYSTEM_FILE)"
  fi
  grep -qF "$(sed -n 2p "$ca")" /etc/ssl/certs/ca-certificates.crt ||
    die "CA is not in /etc/ssl/certs/ca-certificates.crt after update-ca-certificates"
}

# netns_up NETNS VETH-HOST VETH-NS HOST-IP NS-IP: a namespace joined to the host by a veth pair
netns_up() {
  local ns=$1 veth_host=$2 veth_ns=$3 host_ip=$4 ns_ip=$5
  if ! ip netns list | grep -qw "^$ns"; then
    ip netns add "$ns"
    info "created network namespace $ns"
  fi
  if ! ip link show "$veth_host" >/dev/null 2>&1; then
    ip link add "$veth_host" type veth peer name "$veth_ns" netns "$ns"
    info "created veth $veth_host <-> $ns/$veth_ns"
  fi
  ip -n "$ns" link show "$veth_ns" >/dev/null 2>&1 ||
    die "$veth_host exists but its peer $veth_ns is not in namespace $ns; run --reset"
  if ! ip -4 addr show dev "$veth_host" | grep -qF " $host_ip/"; then
    ip addr add "$host_ip/$OKF_NETNS_PREFIX" dev "$veth_host"
  fi
  if ! ip -n "$ns" -4 addr show dev "$veth_ns" | grep -qF " $ns_ip/"; then
    ip -n "$ns" addr add "$ns_ip/$OKF_NETNS_PREFIX" dev "$veth_ns"
  fi
  ip link set "$veth_host" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "$veth_ns" up
  info "host $host_ip/$OKF_NETNS_PREFIX ($veth_host) <-> $ns_ip ($ns)"
}

step_netns() {
  netns_up "$OKF_NETNS" "$OKF_VETH_HOST" "$OKF_VETH_NS" "$OKF_NETNS_HOST_IP" "$OKF_NETNS_IP"
  netns_up "$OKF_FAR_NETNS" "$OKF_FAR_VETH_HOST" "$OKF_FAR_VETH_NS" "$OKF_FAR_HOST_IP" "$OKF_FAR_IP"
  # inside okf-far the name is the registry's own loopback (`ip netns exec` bind-mounts this
  # over /etc/hosts); on the host it is the netns address, where nothing listens on 5443
  mkdir -p "/etc/netns/$OKF_FAR_NETNS"
  if printf '127.0.0.1 localhost %s\n::1 localhost\n' "$OKF_FAR_NAME" |
    write_if_changed "/etc/netns/$OKF_FAR_NETNS/hosts" 0644; then
    info "wrote /etc/netns/$OKF_FAR_NETNS/hosts ($OKF_FAR_NAME -> 127.0.0.1 inside)"
  fi
  local line="$OKF_FAR_IP $OKF_FAR_NAME $OKF_HOSTS_MARK"
  if ! grep -qxF "$line" /etc/hosts; then
    hosts_remove_marked
    printf '%s\n' "$line" >>/etc/hosts
    info "added to /etc/hosts: $line"
  fi
}

hosts_remove_marked() {  # drops our marked lines from /etc/hosts (edited in place: it may be a bind mount)
  if grep -qF "$OKF_HOSTS_MARK" /etc/hosts; then
    local kept
    kept=$(grep -vF "$OKF_HOSTS_MARK" /etc/hosts || true)
    printf '%s\n' "$kept" >/etc/hosts
  fi
}

ensure_credentials() {  # ensure_credentials NAME: password file + htpasswd file
  local name=$1 user pwfile htfile
  user=$(reg_user "$name")
  pwfile=$(reg_password_file "$name")
  htfile="$OKF_ENV_DIR/auth/$name.htpasswd"
  if [[ ! -s $pwfile ]]; then
    (umask 077 && openssl rand -hex 16 >"$pwfile")
    info "new password for $user in $pwfile"
  fi
  chmod 0600 "$pwfile"
  if [[ $(reg_field "$name" 3) == htpasswd ]]; then
    if ! htpasswd -vi "$htfile" "$user" <"$pwfile" >/dev/null 2>&1; then
      (umask 077 && htpasswd -cBi "$htfile" "$user" <"$pwfile" >/dev/null 2>&1) ||
        die "htpasswd could not write $htfile"
      info "wrote $htfile"
    fi
    chmod 0600 "$htfile"
  fi
}

registry_config() {  # prints config.yml for NAME
  local name=$1 addr port auth storage dir
  addr=$(reg_field "$name" 1)
  port=$(reg_field "$name" 2)
  auth=$(reg_field "$name" 3)
  storage=$(reg_field "$name" 4)
  dir="$OKF_ENV_DIR/registries/$name"
  cat <<EOF
# written by setup-environment.sh; stands in for: $(reg_field "$name" 6)
version: 0.1
log:
  level: info
  formatter: text
storage:
EOF
  if [[ $storage == s3 ]]; then
    # like Docker Hub: blobs live in S3 and blob GET/HEAD answer 307 to a presigned URL
    cat <<EOF
  s3:
    accesskey: okf-dummy-access-key
    secretkey: okf-dummy-secret-key
    region: us-east-1
    regionendpoint: $OKF_S3_ENDPOINT
    bucket: $(reg_s3_bucket "$name")
    secure: false
    v4auth: true
    rootdirectory: /registry
  redirect:
    disable: false
EOF
  else
    cat <<EOF
  filesystem:
    rootdirectory: $dir/data
EOF
  fi
  cat <<EOF
  delete:
    enabled: true
http:
  addr: $addr:$port
  secret: okf-test-env-$name
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  if [[ $(reg_scheme "$name") == https ]]; then
    cat <<EOF
  tls:
    certificate: $OKF_ENV_DIR/pki/$name.crt
    key: $OKF_ENV_DIR/pki/$name.key
EOF
  fi
  case $auth in
    htpasswd)
      cat <<EOF
auth:
  htpasswd:
    realm: okf-$name
    path: $OKF_ENV_DIR/auth/$name.htpasswd
EOF
      ;;
    token)
      cat <<EOF
auth:
  token:
    realm: http://127.0.0.1:$OKF_TOKEN_PORT/token
    service: $(reg_token_service "$name")
    issuer: $OKF_TOKEN_ISSUER
    rootcertbundle: $OKF_ENV_DIR/pki/token-signing.crt
EOF
      ;;
  esac
}

registry_answers() {  # registry_answers NAME: /v2/ gives 200 or 401
  local name=$1 url code in_ns=()
  url="$(reg_scheme "$name")://$(reg_field "$name" 1):$(reg_field "$name" 2)/v2/"
  if [[ $name == far ]]; then  # only reachable inside its namespace
    url="https://$(reg_host far)/v2/"
    in_ns=(ip netns exec "$OKF_FAR_NETNS")
  fi
  code=$("${in_ns[@]}" curl -s -o /dev/null -w '%{http_code}' --max-time 3 --noproxy '*' \
    --cacert "$OKF_ENV_DIR/pki/ca.crt" "$url" || true)
  [[ $code == 200 || $code == 401 ]]
}

start_registry() {
  local name=$1 dir config fingerprint cmd netns
  dir="$OKF_ENV_DIR/registries/$name"
  config="$dir/config.yml"
  netns=$(reg_field "$name" 5)
  [[ $(reg_field "$name" 4) == s3 ]] || mkdir -p "$dir/data"
  mkdir -p "$dir"
  [[ $(reg_field "$name" 3) == none ]] || ensure_credentials "$name"
  registry_config "$name" | write_if_changed "$config" 0644 || true
  fingerprint=$(files_fingerprint "$config" "$OKF_ENV_DIR/auth/$name.htpasswd" \
    "$OKF_ENV_DIR/pki/$name.crt" "/etc/netns/$netns/hosts")
  if [[ $(reg_field "$name" 4) == s3 ]]; then
    # moto keeps everything in memory: a new moto process means new (empty) buckets,
    # so the registry restarts with it
    fingerprint="$fingerprint-s3:$(service_pid s3 || true)"
  fi
  cmd=(docker-registry serve "$config")
  if [[ $netns != - ]]; then
    cmd=(ip netns exec "$netns" "${cmd[@]}")
  else
    check_port_free_or_ours "$name" "$(reg_field "$name" 2)"
  fi
  start_service "$name" "$fingerprint" "${cmd[@]}"
  wait_until 20 "registry $name at $(reg_scheme "$name")://$(reg_host "$name")" registry_answers "$name" ||
    die "registry $name does not answer; tail of log: $(tail -n 5 "$OKF_ENV_DIR/logs/$name.log")"
}

step_registries() {
  local name
  for name in $(reg_names); do start_registry "$name"; done
}

# --- S3 (moto) -----------------------------------------------------------------------

s3_venv() { echo "$OKF_ENV_DIR/$OKF_S3_VENV_REL"; }

s3_answers() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$OKF_S3_ENDPOINT/" || true)
  [[ $code == 200 ]]
}

step_s3() {
  local venv have=""
  venv=$(s3_venv)
  if [[ -x $venv/bin/python3 ]]; then  # the installed version, without importing moto (slow)
    have=$("$venv/bin/python3" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || true)
  fi
  if [[ $have != "$OKF_MOTO_VERSION" || ! -x $venv/bin/moto_server ]]; then
    info "pip install moto[server]==$OKF_MOTO_VERSION into $venv (had: ${have:-nothing})"
    [[ -x $venv/bin/python3 ]] || /usr/bin/python3 -m venv "$venv" || die "python3 -m venv $venv failed"
    "$venv/bin/python3" -m pip install -q --disable-pip-version-check "moto[server]==$OKF_MOTO_VERSION" \
      >"$OKF_ENV_DIR/logs/s3-pip.log" 2>&1 || die "pip install moto failed, see $OKF_ENV_DIR/logs/s3-pip.log"
    have=$("$venv/bin/python3" -c 'import importlib.metadata as m; print(m.version("moto"))')
  fi
  info "moto $have in $venv"
  check_port_free_or_ours s3 "$OKF_S3_PORT"
  start_service s3 "moto-$OKF_MOTO_VERSION-$OKF_S3_PORT" \
    "$venv/bin/moto_server" -H 127.0.0.1 -p "$OKF_S3_PORT"
  wait_until 30 "S3 (moto) at $OKF_S3_ENDPOINT" s3_answers ||
    die "moto_server does not answer; tail of log: $(tail -n 5 "$OKF_ENV_DIR/logs/s3.log")"
  local name bucket code
  for name in $(reg_names); do
    [[ $(reg_field "$name" 4) == s3 ]] || continue
    bucket=$(reg_s3_bucket "$name")
    code=$(curl -s -o /dev/null -w '%{http_code}' -I "$OKF_S3_ENDPOINT/$bucket" || true)
    if [[ $code != 200 ]]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$OKF_S3_ENDPOINT/$bucket" || true)
      [[ $code == 200 ]] || die "could not create bucket $bucket (HTTP $code)"
      info "created bucket $bucket"
    fi
  done
}

# --- the far registry's proxy (tinyproxy inside okf-far) --------------------------------

far_proxy_answers() {  # tinyproxy answers a plain GET itself (400: not a proxy request)
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 --noproxy '*' "http://$OKF_FAR_IP:$OKF_FAR_PROXY_PORT/" || true)
  [[ $code =~ ^[1-5][0-9][0-9]$ ]]
}

step_far_proxy() {
  local dir="$OKF_ENV_DIR/far" config fingerprint
  config="$dir/tinyproxy.conf"
  mkdir -p "$dir"
  write_if_changed "$config" 0644 <<EOF || true
# written by setup-environment.sh: the only way to registry.far.test:5443
Port $OKF_FAR_PROXY_PORT
Listen $OKF_FAR_IP
Timeout 600
MaxClients 100
LogFile "$OKF_ENV_DIR/logs/far-proxy.access.log"
LogLevel Connect
Allow $OKF_FAR_HOST_IP
ConnectPort $(reg_field far 2)
DisableViaHeader Yes
EOF
  fingerprint=$(files_fingerprint "$config" "/etc/netns/$OKF_FAR_NETNS/hosts")
  start_service far-proxy "$fingerprint" ip netns exec "$OKF_FAR_NETNS" tinyproxy -d -c "$config"
  wait_until 10 "tinyproxy at $OKF_FAR_PROXY (in $OKF_FAR_NETNS)" far_proxy_answers ||
    die "tinyproxy does not answer; tail of log: $(tail -n 5 "$OKF_ENV_DIR/logs/far-proxy.log")"
}

# --- ghcr: the front before ghcr-backend ----------------------------------------------

ghcr_front_answers() {  # the backend's Bearer challenge, passed on by the front
  curl -s -D - -o /dev/null --max-time 3 "http://127.0.0.1:$OKF_GHCR_FRONT_PORT/v2/" 2>/dev/null |
    grep -qi "^www-authenticate: bearer .*service=\"$OKF_GHCR_SERVICE\""
}

step_ghcr_front() {
  local script="$OKF_SCRIPT_DIR/fault-proxy.py" fingerprint
  [[ -f $script ]] || die "fault-proxy.py not found next to this script ($script)"
  write_if_changed "$OKF_ENV_DIR/run/fault-proxy.py" 0755 <"$script" || true
  fingerprint=$(printf '%s %s\n' "$(files_fingerprint "$script")" "${OKF_GHCR_FRONT_OPTIONS[*]}" | sha256sum | cut -c1-16)
  # the service `ghcr` was a plain htpasswd registry before: start_service replaces it
  check_port_free_or_ours ghcr "$OKF_GHCR_FRONT_PORT"
  start_service ghcr "$fingerprint" /usr/bin/python3 "$OKF_ENV_DIR/run/fault-proxy.py" \
    "$(reg_field ghcr-backend 2)" --listen "$OKF_GHCR_FRONT_PORT" --forever \
    --log "$OKF_ENV_DIR/logs/ghcr.log" "${OKF_GHCR_FRONT_OPTIONS[@]}"
  wait_until 10 "ghcr front at http://$(reg_host ghcr) (${OKF_GHCR_FRONT_OPTIONS[*]})" ghcr_front_answers ||
    die "the ghcr front does not answer; tail of log: $(tail -n 5 "$OKF_ENV_DIR/logs/ghcr.log")"
}

# --- token server ---------------------------------------------------------------------

token_server_answers() {
  curl -sf --max-time 3 "http://127.0.0.1:$OKF_TOKEN_PORT/healthz" >/dev/null
}

step_token_server() {
  local users="$OKF_ENV_DIR/auth/token.users" access="$OKF_ENV_DIR/auth/token.access"
  local script="$OKF_SCRIPT_DIR/token-server.py" fingerprint name
  [[ -f $script ]] || die "token-server.py not found next to this script ($script)"
  for name in token ghcr; do
    printf '%s:%s\n' "$(reg_user "$name")" "$(<"$(reg_password_file "$name")")"
  done | write_if_changed "$users" 0600 || true
  {
    echo "# USER REPO-GLOB ACTIONS (first match wins; - = nothing); written by setup-environment.sh"
    for name in token ghcr; do
      printf '%s okf-denied/* -\n%s okf-readonly/* pull\n%s * pull,push\n' \
        "$(reg_user "$name")" "$(reg_user "$name")" "$(reg_user "$name")"
    done
  } | write_if_changed "$access" 0600 || true
  # run a copy from the state dir: its path there marks the process as ours
  write_if_changed "$OKF_ENV_DIR/run/token-server.py" 0755 <"$script" || true
  fingerprint=$(files_fingerprint "$script" "$users" "$access" "$OKF_ENV_DIR/pki/token-signing.crt")
  check_port_free_or_ours token-server "$OKF_TOKEN_PORT"
  start_service token-server "$fingerprint" /usr/bin/python3 "$OKF_ENV_DIR/run/token-server.py" \
    --listen "127.0.0.1:$OKF_TOKEN_PORT" \
    --key "$OKF_ENV_DIR/pki/token-signing.key" --cert "$OKF_ENV_DIR/pki/token-signing.crt" \
    --users "$users" --access "$access" --issuer "$OKF_TOKEN_ISSUER" \
    --service "$OKF_TOKEN_SERVICE" --service "$OKF_GHCR_SERVICE" --expires-in 900
  wait_until 10 "token server at http://127.0.0.1:$OKF_TOKEN_PORT/token" token_server_answers ||
    die "token server does not answer; tail of log: $(tail -n 5 "$OKF_ENV_DIR/logs/token-server.log")"
}

# index_has_platforms REF PLATFORM... : the registry serves REF as an index with these platforms
index_has_platforms() {
  local ref=$1
  shift
  docker buildx imagetools inspect --raw "$ref" 2>/dev/null |
    /usr/bin/python3 -c '
import json, sys
try:
    doc = json.load(sys.stdin)
except ValueError:
    sys.exit(1)  # nothing there (or not JSON)
have = {"%s/%s" % (m["platform"]["os"], m["platform"]["architecture"])
        for m in doc.get("manifests", []) if "platform" in m}
sys.exit(0 if set(sys.argv[1:]) <= have else 1)' "$@"
}

busybox_rootfs() {  # busybox_rootfs ARCH BINARY DIR
  local arch=$1 binary=$2 root=$3 applet
  rm -rf "$root"
  mkdir -p "$root"/{bin,sbin,etc,tmp,root,proc,sys,dev,var/tmp,usr/bin,usr/sbin}
  install -m 0755 "$binary" "$root/bin/busybox"
  # applet list from the host's (amd64) binary; both packages have the same version
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  info "rootfs $arch: $(du -sh "$root" | cut -f1)"
}

import_and_push() {  # import_and_push ROOTFS PLATFORM REF CMD
  local root=$1 platform=$2 ref=$3 image_cmd=$4
  tar --numeric-owner --owner=0 --group=0 -C "$root" -c . |
    docker import --platform "$platform" \
      --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "CMD $image_cmd" - "$ref" >/dev/null
  docker push -q "$ref" >/dev/null
  info "pushed $ref ($platform)"
}

step_busybox_base() {
  local ref="$OKF_BASE_BUSYBOX:latest" cache="$OKF_ENV_DIR/cache/busybox" deb
  if index_has_platforms "$ref" linux/amd64 linux/arm64; then
    info "$ref already serves linux/amd64 + linux/arm64"
    return 0
  fi
  mkdir -p "$cache/debs"
  if ! compgen -G "$cache/debs/busybox-static_*_arm64.deb" >/dev/null; then
    (cd "$cache/debs" && apt-get download -q busybox-static:arm64 >/dev/null 2>&1) || {
      info "apt-get download failed; updating the package lists once"
      apt-get update -q >>"$OKF_ENV_DIR/logs/apt.log" 2>&1
      (cd "$cache/debs" && apt-get download -q busybox-static:arm64 >/dev/null 2>&1)
    } || die "apt-get download busybox-static:arm64 failed"
  fi
  deb=$(compgen -G "$cache/debs/busybox-static_*_arm64.deb" | head -n1)
  rm -rf "$cache/arm64-deb" && mkdir -p "$cache/arm64-deb"
  dpkg -x "$deb" "$cache/arm64-deb"
  [[ -x $cache/arm64-deb/bin/busybox ]] || die "no bin/busybox in $deb"

  busybox_rootfs amd64 /bin/busybox "$cache/rootfs-amd64"
  busybox_rootfs arm64 "$cache/arm64-deb/bin/busybox" "$cache/rootfs-arm64"
  import_and_push "$cache/rootfs-amd64" linux/amd64 "$OKF_BASE_BUSYBOX:amd64" '["/bin/sh"]'
  import_and_push "$cache/rootfs-arm64" linux/arm64 "$OKF_BASE_BUSYBOX:arm64" '["/bin/sh"]'
  docker buildx imagetools create -t "$ref" "$OKF_BASE_BUSYBOX:amd64" "$OKF_BASE_BUSYBOX:arm64" >/dev/null 2>&1 ||
    die "imagetools create $ref failed"
  index_has_platforms "$ref" linux/amd64 linux/arm64 || die "$ref is not an amd64+arm64 index"
  info "made $ref (index: linux/amd64, linux/arm64)"
}

step_binfmt_image() {
  # The action's default qemu-image, made locally with the same interface (see BINFMT.md).
  bash "$(dirname "${BASH_SOURCE[0]}")/make-binfmt-image.sh"
}

okf_debian_rootfs() {  # prints the cached debootstrap --variant=minbase bookworm rootfs, made once
  local root="$OKF_ENV_DIR/cache/debian-bookworm-amd64"
  if [[ ! -f $root/.okf-complete ]]; then
    rm -rf "$root"
    mkdir -p "$OKF_ENV_DIR/logs"
    info "debootstrap --variant=minbase bookworm (takes a minute or two)"
    debootstrap --variant=minbase --arch=amd64 bookworm "$root" "$OKF_DEBIAN_MIRROR" \
      >"$OKF_ENV_DIR/logs/debootstrap.log" 2>&1 ||
      die "debootstrap failed, see $OKF_ENV_DIR/logs/debootstrap.log"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*_Packages
    touch "$root/.okf-complete"
  fi
  echo "$root"
}

step_debian_base() {
  if docker buildx imagetools inspect --raw "$OKF_BASE_DEBIAN" >/dev/null 2>&1; then
    info "$OKF_BASE_DEBIAN already in the base registry"
    return 0
  fi
  import_and_push "$(okf_debian_rootfs)" linux/amd64 "$OKF_BASE_DEBIAN" '["bash"]'
}

verify_login() {  # verify_login NAME: right password works, a wrong one is refused
  local name=$1 host user
  host=$(reg_host "$name")
  user=$(reg_user "$name")
  if docker login "$host" -u "$user" --password-stdin <<<"wrong-password" >/dev/null 2>&1; then
    die "docker login $host accepted a wrong password"
  fi
  docker login "$host" -u "$user" --password-stdin <"$(reg_password_file "$name")" >/dev/null 2>&1 ||
    die "docker login $host -u $user failed"
  info "docker login $host: ok (and a wrong password is refused)"
}

verify_push() {  # verify_push NAME: buildx build --push of a 2-platform image, then inspect
  local name=$1 ref
  ref="$(reg_host "$name")/okf-env-check/hello:latest"
  local log="$OKF_ENV_DIR/logs/verify-$name.log" attempt
  # distribution 2.8 sometimes answers 500 to a HEAD of a tag that is being re-pushed:
  # retry that transient answer (only that one) twice.
  for attempt in 1 2 3; do
    if docker buildx build --platform linux/amd64,linux/arm64 -t "$ref" --push \
      "$OKF_ENV_DIR/verify" >"$log" 2>&1; then
      break
    fi
    if ! grep -q '500 Internal Server Error' "$log" || ((attempt >= 3)); then
      die "docker buildx build --push to $ref failed; see $log"
    fi
    info "push to $ref got a transient 500 (attempt $attempt), retrying"
  done
  index_has_platforms "$ref" linux/amd64 linux/arm64 || die "$ref does not serve an amd64+arm64 index"
  docker image rm --force "$ref" >/dev/null 2>&1 || true  # the docker driver also keeps it locally
  info "buildx build --push $ref: ok (index linux/amd64 + linux/arm64)"
}

verify_tls_clients() {
  local url no_ca_bundle code
  url="https://$(reg_host tls)/v2/"
  code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$OKF_ENV_DIR/pki/ca.crt" "$url" || true)
  [[ $code == 401 ]] || die "curl --cacert ca.crt $url gave $code, wanted 401"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
  [[ $code == 401 ]] || die "curl with the system store $url gave $code, wanted 401"
  # a client without our CA: Debian's bundled CAs only
  no_ca_bundle="$OKF_ENV_DIR/verify/no-okf-ca.pem"
  cat /usr/share/ca-certificates/mozilla/*.crt >"$no_ca_bundle"
  if curl -s -o /dev/null --cacert "$no_ca_bundle" --capath /nonexistent "$url"; then
    die "a client without the CA reached $url"
  else
    code=$?
  fi
  [[ $code == 60 ]] || die "client without the CA failed with curl exit $code, wanted 60 (certificate problem)"
  info "TLS: --cacert ok, system store ok, client without the CA refused (curl exit 60)"
}

verify_token_server() {
  local base="http://127.0.0.1:$OKF_TOKEN_PORT/token" code
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "$(reg_user token):wrong" "$base?service=$OKF_TOKEN_SERVICE")
  [[ $code == 401 ]] || die "token server gave $code for a wrong password, wanted 401"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d grant_type=password "$base")
  [[ $code == 405 ]] || die "token server gave $code for POST, wanted 405"
  info "token server: wrong password 401, POST 405"
  verify_helper token-access "$base" "$(reg_user token)" "$(reg_password_file token)" \
    "$OKF_TOKEN_SERVICE" "$OKF_GHCR_SERVICE"
}

verify_helper() {  # verify_helper COMMAND ARGS...: scripts/env/verify-helpers.py, one line of result
  local out
  out=$(/usr/bin/python3 "$OKF_SCRIPT_DIR/verify-helpers.py" "$@" 2>&1) || die "$out"
  info "$out"
}

verify_far() {
  local url code
  url="https://$(reg_host far)/v2/"
  # from the host the name resolves to the netns address, where nothing listens on 5443
  code=0
  curl -s -o /dev/null --max-time 5 --noproxy '*' "$url" || code=$?
  [[ $code == 7 ]] || die "a direct curl $url ended with exit $code, wanted 7 (connection refused)"
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -x "$OKF_FAR_PROXY" "$url" || true)
  [[ $code == 401 ]] || die "curl -x $OKF_FAR_PROXY $url gave $code, wanted 401"
  info "far: direct connection refused (curl exit 7), through $OKF_FAR_PROXY 401"
}

step_verify() {
  export DOCKER_CONFIG="$OKF_ENV_DIR/docker-config"
  mkdir -p "$DOCKER_CONFIG" "$OKF_ENV_DIR/verify"
  chmod 0700 "$DOCKER_CONFIG"
  cat >"$OKF_ENV_DIR/verify/Dockerfile" <<EOF
FROM $OKF_BASE_BUSYBOX:latest
RUN uname -m > /arch && cat /arch
EOF
  verify_token_server
  verify_tls_clients
  verify_far
  verify_helper s3-redirect "$(reg_host dockerhub)" "$(reg_user dockerhub)" "$(reg_password_file dockerhub)" \
    "127.0.0.1:$OKF_S3_PORT"
  verify_helper ghcr-front "$(reg_host ghcr)" "http://127.0.0.1:$OKF_TOKEN_PORT/token" "$OKF_GHCR_SERVICE" \
    "$(reg_user ghcr)" "$(reg_password_file ghcr)"
  local name
  for name in "${OKF_PUSH_TARGETS[@]}"; do verify_login "$name"; done
  verify_push token
  verify_push tls
  info "forgot the 127.0.0.1 mount sources of $(okf_forget_mount_sources 127.0.0.1) blobs (labels a 403-refusing front would trip on)"
  verify_push ghcr
  unset DOCKER_CONFIG
}

step_state_file() {
  local have_debian=0
  if docker buildx imagetools inspect --raw "$OKF_BASE_DEBIAN" >/dev/null 2>&1; then have_debian=1; fi
  env OKF_ENV_DIR="$OKF_ENV_DIR" \
    OKF_ROWS="$(printf '%s\n' "${OKF_REGISTRIES[@]}")" \
    OKF_PUSH_TARGETS="${OKF_PUSH_TARGETS[*]}" \
    OKF_GHCR_FRONT_OPTIONS="${OKF_GHCR_FRONT_OPTIONS[*]}" \
    OKF_HAVE_DEBIAN="$have_debian" \
    /usr/bin/python3 - <<EOF
import json, os
d = os.environ["OKF_ENV_DIR"]
token_services = {"token": "$OKF_TOKEN_SERVICE", "ghcr-backend": "$OKF_GHCR_SERVICE"}
certs = {"tls": "$OKF_NETNS_IP:5443", "far": "$OKF_FAR_NAME:5443"}


def account(name):
    return "ghcr" if name == "ghcr-backend" else name


def registry(row):
    name, address, port, auth, storage, netns, stands_for = row.split()
    if name == "base":
        host = "localhost:" + port
    elif name == "far":
        host = "$OKF_FAR_NAME:" + port
    else:
        host = "%s:%s" % (address, port)
    entry = {
        "host": host,
        "address": address,
        "port": int(port),
        "scheme": "https" if name in certs else "http",
        "stands_for": stands_for,
        "auth": auth,
        "storage": storage,
        "s3": None,
        "data_dir": "%s/registries/%s/data" % (d, name) if storage == "filesystem" else None,
        "config": "%s/registries/%s/config.yml" % (d, name),
        "log": "%s/logs/%s.log" % (d, name),
    }
    if storage == "s3":
        entry["s3"] = {
            "endpoint": "$OKF_S3_ENDPOINT",
            "bucket": "okf-" + name,
            "region": "us-east-1",
            "rootdirectory": "/registry",
            "redirect": True,
        }
    if auth != "none":
        entry["username"] = "okf-" + account(name)
        entry["password_file"] = "%s/auth/%s.password" % (d, account(name))
    if auth == "htpasswd":
        entry["htpasswd_file"] = "%s/auth/%s.htpasswd" % (d, name)
    if auth == "token":
        entry["token"] = {
            "realm": "http://127.0.0.1:$OKF_TOKEN_PORT/token",
            "service": token_services[name],
            "issuer": "$OKF_TOKEN_ISSUER",
            "rootcertbundle": "%s/pki/token-signing.crt" % d,
            "users_file": "%s/auth/token.users" % d,
            "access_file": "%s/auth/token.access" % d,
            "log": "%s/logs/token-server.log" % d,
        }
    if name in certs:
        entry["ca"] = entry["ca_file"] = "%s/pki/ca.crt" % d
        entry["netns"] = netns
        entry["docker_certs_d"] = "/etc/docker/certs.d/%s/ca.crt" % certs[name]
    if name == "tls":
        entry["host_side_address"] = "$OKF_NETNS_HOST_IP"
    if name == "far":
        entry["https_proxy"] = "$OKF_FAR_PROXY"
        entry["host_side_address"] = "$OKF_FAR_HOST_IP"
        entry["netns_address"] = "$OKF_FAR_IP"
        entry["proxy"] = {
            "url": "$OKF_FAR_PROXY",
            "software": "tinyproxy",
            "config": "%s/far/tinyproxy.conf" % d,
            "log": "%s/logs/far-proxy.access.log" % d,
        }
        entry["listens_inside_netns"] = "127.0.0.1:" + port
    return name, entry


registries = {}
for row in os.environ["OKF_ROWS"].splitlines():
    name, entry = registry(row)
    registries[name] = entry
backend = registries.pop("ghcr-backend")
backend["name"] = "ghcr-backend"
ghcr = {
    "host": "127.0.0.1:$OKF_GHCR_FRONT_PORT",
    "address": "127.0.0.1",
    "port": $OKF_GHCR_FRONT_PORT,
    "scheme": "http",
    "stands_for": "ghcr.io",
    "auth": "token",
    "storage": backend["storage"],
    "s3": None,
    "data_dir": backend["data_dir"],
    "log": "%s/logs/ghcr.log" % d,
    "username": backend["username"],
    "password_file": backend["password_file"],
    "token": backend["token"],
    "front": {
        "script": "%s/run/fault-proxy.py" % d,
        "options": os.environ["OKF_GHCR_FRONT_OPTIONS"].split(),
        "pull_only_challenges": True,
        "refuse_mounts": 202,
        "log": "%s/logs/ghcr.log" % d,
    },
    "backend": backend,
}
order = ["base", "dockerhub", "acr", "ghcr", "token", "tls", "far"]
registries["ghcr"] = ghcr
registries = {name: registries[name] for name in order}
state = {
    "format": 2,
    "state_dir": d,
    "registries": registries,
    "push_targets": os.environ["OKF_PUSH_TARGETS"].split(),
    "s3": {
        "endpoint": "$OKF_S3_ENDPOINT",
        "software": "moto_server $OKF_MOTO_VERSION (in memory)",
        "venv": "%s/$OKF_S3_VENV_REL" % d,
        "log": "%s/logs/s3.log" % d,
    },
    "base_images": {
        "busybox": "$OKF_BASE_BUSYBOX:latest",
        "busybox_per_arch": {"linux/amd64": "$OKF_BASE_BUSYBOX:amd64",
                             "linux/arm64": "$OKF_BASE_BUSYBOX:arm64"},
        "debian": "$OKF_BASE_DEBIAN" if os.environ["OKF_HAVE_DEBIAN"] == "1" else None,
    },
    "ca": {
        "cert": "%s/pki/ca.crt" % d,
        "system_store_file": "$OKF_CA_SYSTEM_FILE",
    },
    "docker": {
        "daemon_json": "$OKF_DAEMON_JSON",
        "image_store": "containerd",
        "buildx_driver": "docker",
        "https_proxy": "$OKF_FAR_PROXY",
        "no_proxy": "$OKF_DOCKER_NO_PROXY",
        "log": "$OKF_DOCKERD_LOG",
        "verify_docker_config": "%s/docker-config" % d,
    },
    "binfmt": {
        "entry": "$OKF_BINFMT_DIR/$OKF_BINFMT_ENTRY",
        "original_state_file": "%s/binfmt/$OKF_BINFMT_ENTRY.original" % d,
        "disable": "setup-environment.sh --binfmt off",
        "restore": "setup-environment.sh --binfmt restore",
    },
}
tmp = os.path.join(d, "env.json.tmp")
with open(tmp, "w") as handle:
    json.dump(state, handle, indent=2)
    handle.write("\n")
os.replace(tmp, os.path.join(d, "env.json"))
EOF
  info "wrote $OKF_ENV_DIR/env.json"
}

# ---------------------------------------------------------------------------
# Reset
# ---------------------------------------------------------------------------

step_stop_services() {
  local name
  stop_service token-server
  stop_service ghcr
  stop_service far-proxy
  for name in $(reg_names); do stop_service "$name"; done
  stop_service s3
}

step_remove_netns() {
  local ns veth
  for ns in "$OKF_NETNS:$OKF_VETH_HOST" "$OKF_FAR_NETNS:$OKF_FAR_VETH_HOST"; do
    veth=${ns#*:}
    ns=${ns%%:*}
    if ip netns list | grep -qw "^$ns"; then
      ip netns delete "$ns"
      info "deleted network namespace $ns"
    fi
    if ip link show "$veth" >/dev/null 2>&1; then ip link delete "$veth"; fi
  done
  if [[ -d /etc/netns/$OKF_FAR_NETNS ]]; then
    rm -rf "/etc/netns/$OKF_FAR_NETNS"
    rmdir /etc/netns 2>/dev/null || true
    info "removed /etc/netns/$OKF_FAR_NETNS"
  fi
  if grep -qF "$OKF_HOSTS_MARK" /etc/hosts; then
    hosts_remove_marked
    info "removed the $OKF_FAR_NAME line from /etc/hosts"
  fi
}

step_untrust_ca() {
  rm -rf "/etc/docker/certs.d/$(reg_host tls)" "/etc/docker/certs.d/$(reg_host far)"
  if [[ -f $OKF_CA_SYSTEM_FILE ]]; then
    rm -f "$OKF_CA_SYSTEM_FILE"
    update-ca-certificates --fresh >/dev/null 2>&1 || die "update-ca-certificates failed"
    info "removed the CA from the system store"
  fi
}

step_restore_binfmt() {
  okf_binfmt_restore
  rm -f "$OKF_ENV_DIR/binfmt/$OKF_BINFMT_ENTRY.original"
}

step_purge() {
  [[ -f $OKF_ENV_DIR/.openkf-test-env ]] || die "$OKF_ENV_DIR has no .openkf-test-env marker; not deleting it"
  rm -rf "$OKF_ENV_DIR"
  info "deleted $OKF_ENV_DIR"
}

reset_main() {
  local purge=$1
  [[ $EUID -eq 0 ]] || die "must run as root"
  [[ -d $OKF_ENV_DIR ]] || { log "nothing to reset: $OKF_ENV_DIR does not exist"; return 0; }
  run_step "stop registries, fronts, proxies, S3 and token server" step_stop_services
  run_step "delete network namespaces and the hosts entry" step_remove_netns
  run_step "remove CA from trust stores" step_untrust_ca
  run_step "restore binfmt" step_restore_binfmt
  rm -f "$OKF_ENV_DIR/env.json"
  if ((purge)); then run_step "purge state dir" step_purge; fi
  log "reset complete (docker keeps running)"
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

main() {
  set -Eeuo pipefail
  trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR
  OKF_WITH_DEBIAN=0
  local verify=1 reset=0 purge=0 binfmt=""
  while (($#)); do
    case $1 in
      --with-debian) OKF_WITH_DEBIAN=1 ;;
      --no-verify) verify=0 ;;
      --reset | --teardown) reset=1 ;;
      --purge) purge=1 ;;
      --binfmt) binfmt=${2:-}; shift ;;
      -h | --help) usage; return 0 ;;
      *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
  done

  if [[ -n $binfmt ]]; then
    OKF_CURRENT_STEP="binfmt $binfmt"
    case $binfmt in
      on) okf_binfmt_on ;;
      off) okf_binfmt_off ;;
      restore) okf_binfmt_restore ;;
      status) ;;
      *) die "--binfmt takes on, off, restore or status" ;;
    esac
    okf_binfmt_status
    return 0
  fi
  if ((reset)); then
    reset_main "$purge"
    return 0
  fi

  local t0
  t0=$(now_us)
  run_step "preflight" step_preflight
  run_step "apt packages (docker 26 from trixie, registry, qemu)" step_apt
  run_step "docker engine" step_docker
  run_step "binfmt qemu-aarch64" step_binfmt
  run_step "certificates and keys" step_pki
  run_step "trust the CA" step_trust_ca
  run_step "network namespaces $OKF_NETNS and $OKF_FAR_NETNS" step_netns
  run_step "S3 storage (moto $OKF_MOTO_VERSION)" step_s3
  run_step "registries" step_registries
  run_step "proxy before the far registry (tinyproxy)" step_far_proxy
  run_step "token server" step_token_server
  run_step "ghcr front" step_ghcr_front
  run_step "base image busybox (amd64+arm64)" step_busybox_base
  run_step "qemu-image stand-in (tonistiigi/binfmt:qemu-v7.0.0-28)" step_binfmt_image
  if ((OKF_WITH_DEBIAN)); then run_step "base image debian bookworm (amd64)" step_debian_base; fi
  if ((verify)); then run_step "verify logins, TLS and pushes" step_verify; fi
  run_step "state file" step_state_file
  log "environment ready in $(fmt_secs $(($(now_us) - t0))); summary: $OKF_ENV_DIR/env.json"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
