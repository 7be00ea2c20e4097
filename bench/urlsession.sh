#!/usr/bin/env bash
# Measures the action's own HTTP client (SocketHTTPClient) against Foundation's URLSession
# (FoundationNetworking, libcurl on Linux) on the local test environment
# (scripts/env/setup-environment.sh, described by /var/lib/openkf-test-env/env.json), and prints
# the results side by side. Findings and numbers: bench/client/RESULTS.md.
#
#   bench/urlsession.sh              everything (about 6 minutes on 2 cores, 4 of them building)
#   SKIP_BUILD=1 bench/urlsession.sh reuse the builds in $WORK
#
# Environment: WORK (default /tmp/urlsession-bench: builds, the upload files, logs), RUNS
# (hyperfine runs per start-up command, default 30), UPLOAD_RUNS (default 3), UPLOAD_MIB
# (default 1024), BASE_PORT (default 5090: this script's own servers use BASE_PORT+1..+5).
# Needs swift, python3, curl, /usr/bin/time; hyperfine is used when installed
# (apt-get install -y hyperfine), else a loop. Pushes a 1 MiB and an UPLOAD_MIB blob to the
# repository bench/urlsession of the dockerhub and acr registries.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PKG=$ROOT/bench/client
WORK=${WORK:-/tmp/urlsession-bench}
RUNS=${RUNS:-30}
UPLOAD_RUNS=${UPLOAD_RUNS:-3}
UPLOAD_MIB=${UPLOAD_MIB:-1024}
BASE_PORT=${BASE_PORT:-5090}
ENV_JSON=${ENV_JSON:-/var/lib/openkf-test-env/env.json}
mkdir -p "$WORK"

STARTED_PIDS=()
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

envq() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d
for k in sys.argv[2].split("."):
    r = r.get(k) if isinstance(r, dict) else None
print("" if r is None else r)' "$ENV_JSON" "$1"; }

section() { printf '\n## %s\n\n' "$1"; }
# field NAME LINE: the value of NAME=value (or NAME="value") in an http-compare line.
field() { sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p; t; s/.* $1=\\([^ ]*\\).*/\\1/p" < <(sed 's/^/ /' <<<"$2") | head -1; }
# short LINE: the status, or the error's kind (ours) / domain and code (URLSession).
short() {
    local status; status=$(field status "$1")
    if [[ -z $1 ]]; then echo "no answer (killed after the timeout)"; return; fi
    if [[ $status != error ]]; then
        if [[ -n $(field note "$1") ]]; then echo "$status*"; else echo "$status"; fi
        return
    fi
    local error; error=$(field error "$1")
    case $error in
        NSURLErrorDomain*) awk '{print $1, $2}' <<<"$error" | tr -d ':' ;;
        *) echo "${error%%:*}" ;;
    esac
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b/1048576}'; }

ACR_USER=$(envq registries.acr.username); ACR_PW=$(envq registries.acr.password_file)
ACR=http://$(envq registries.acr.host)
HUB_USER=$(envq registries.dockerhub.username); HUB_PW=$(envq registries.dockerhub.password_file)
HUB=http://$(envq registries.dockerhub.host)
FAR_HOST=$(envq registries.far.host); FAR_PROXY=$(envq registries.far.https_proxy)
FAR_USER=$(envq registries.far.username); FAR_PW=$(envq registries.far.password_file)
FAR_HOST_SIDE=$(envq registries.far.host_side_address)
FAR_PROXY_LOG=$(envq registries.far.proxy.log)

# --- Builds ---------------------------------------------------------------------------------
# FoundationNetworking links -lcurl: without the libcurl development link (libcurl4-openssl-dev)
# a private directory with libcurl.so -> libcurl.so.4 stands in for it.
LINK_FLAGS=()
if ! ldconfig -p | grep -q 'libcurl\.so '; then
    mkdir -p "$WORK/curl-link"
    ln -sf "$(ldconfig -p | awk '/libcurl\.so\.4 / {print $NF; exit}')" "$WORK/curl-link/libcurl.so"
    LINK_FLAGS=(-Xlinker -L"$WORK/curl-link")
fi
build() { # scratch-name extra-args...
    local scratch=$WORK/$1; shift
    swift build -c release --package-path "$PKG" --scratch-path "$scratch" "${LINK_FLAGS[@]}" "$@" >"$scratch.log" 2>&1
}
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "building (release) in $WORK ..." >&2
    build build-dynamic || { cat "$WORK/build-dynamic.log"; exit 1; }
    build build-static-stdlib --static-swift-stdlib || { cat "$WORK/build-static-stdlib.log"; exit 1; }
    for product in get-ours get-urlsession; do
        build build-static-exe --product "$product" -Xswiftc -static-executable && true
        cp "$WORK/build-static-exe.log" "$WORK/build-static-exe-$product.log"
    done
    # With libcurl.a installed, also try curl's own static dependency list.
    if [[ -f /usr/lib/x86_64-linux-gnu/libcurl.a || -f /usr/lib/aarch64-linux-gnu/libcurl.a ]] && command -v pkg-config >/dev/null; then
        read -r -a curl_static <<<"$(pkg-config --static --libs libcurl)"
        flags=(); for f in "${curl_static[@]}"; do flags+=(-Xlinker "$f"); done
        build build-static-exe --product get-urlsession -Xswiftc -static-executable "${flags[@]}" && true
        cp "$WORK/build-static-exe.log" "$WORK/build-static-exe-get-urlsession-pkgconfig.log"
    fi
fi
DYN=$WORK/build-dynamic/release
STD=$WORK/build-static-stdlib/release
EXE=$WORK/build-static-exe/release
HC=$STD/http-compare   # the measured binary: linked as the action's image links (static Swift runtime)

section "1a. Binaries (release, stripped)"
mkdir -p "$WORK/stripped"
echo "| program | linking | links? | stripped size | shared libraries (ldd) |"
echo "|---|---|---|---|---|"
for config in dynamic:build-dynamic static-swift-stdlib:build-static-stdlib static-executable:build-static-exe; do
    name=${config%%:*}; dir=$WORK/${config#*:}/release
    for product in get-ours get-urlsession http-compare; do
        [[ $name == static-executable && $product == http-compare ]] && continue
        if [[ -x $dir/$product ]]; then
            strip -o "$WORK/stripped/$name-$product" "$dir/$product"
            size=$(stat -c %s "$WORK/stripped/$name-$product")
            libs=$(ldd "$dir/$product" 2>/dev/null | grep -c '=>' || true)
            echo "| $product | $name | yes | $size B ($(mib "$size")) | $libs |"
        else
            why=$(grep -m1 -o 'cannot find -l[a-z0-9_]*' "$WORK/build-static-exe-$product.log" 2>/dev/null || true)
            [[ -n $why ]] || why="libcurl.a alone: $(grep -c 'undefined reference' "$WORK/build-static-exe-$product.log" || true) undefined references (OpenSSL, nghttp2, ldap, gssapi, ssh2 ...)"
            pc=""
            if [[ -f $WORK/build-static-exe-$product-pkgconfig.log ]]; then
                missing=""
                for lib in $(pkg-config --static --libs libcurl | tr ' ' '\n' | sed -n 's/^-l//p' | sort -u); do
                    [[ $(gcc -print-file-name="lib$lib.a") == /* ]] || missing+="$lib "
                done
                pc="; adding \`pkg-config --static --libs libcurl\`: still $(grep -c 'undefined reference' "$WORK/build-static-exe-$product-pkgconfig.log" || true) undefined references, no static archive for: ${missing% }"
            fi
            echo "| $product | $name | **no**: $why$pc | - | - |"
        fi
    done
done
if [[ -x $EXE/get-ours ]]; then
    # Exit statuses of 10 runs each (139: SIGSEGV).
    runs() { local codes=(); for _ in $(seq 10); do "$@" >/dev/null 2>&1 && codes+=(0) || codes+=($?); done
             printf '%s\n' "${codes[@]}" | sort | uniq -c | awk '{printf "%s×exit %s ", $1, $2}'; }
    echo
    echo "static-executable get-ours, 10 runs each: http GET $ACR/v2/ -> $(runs "$EXE/get-ours" "$ACR/v2/");" \
         "https GET https://$FAR_HOST/v2/ via proxy (dlopen libssl.so.3) -> $(runs env HTTPS_PROXY="$FAR_PROXY" timeout 20 "$EXE/get-ours" "https://$FAR_HOST/v2/")(139 = SIGSEGV)"
fi

section "1b. Start-up: process start to the first response (GET $ACR/v2/ -> 401), medians"
startup=(
    "http-compare ours (static stdlib)|$HC request ours GET $ACR/v2/"
    "http-compare urlsession (static stdlib)|$HC request urlsession GET $ACR/v2/"
    "get-ours (static stdlib)|$STD/get-ours $ACR/v2/"
    "get-urlsession (static stdlib)|$STD/get-urlsession $ACR/v2/"
    "get-ours (dynamic)|$DYN/get-ours $ACR/v2/"
    "get-urlsession (dynamic)|$DYN/get-urlsession $ACR/v2/"
)
echo "| command | median | min | max | peak RSS | in-process: send() to response (median of 10) |"
echo "|---|---|---|---|---|---|"
for entry in "${startup[@]}"; do
    label=${entry%%|*}; cmd=${entry#*|}
    rss=$( (/usr/bin/time -f %M $cmd >/dev/null) 2>&1 | tail -1)
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/startup.json" "$cmd" >/dev/null 2>&1
        read -r med lo hi < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print(*("%.1f" % (r[k]*1000) for k in ("median","min","max")))' "$WORK/startup.json")
    else
        times=(); for _ in $(seq "$RUNS"); do s=$(date +%s%N); $cmd >/dev/null 2>&1; e=$(date +%s%N); times+=($(( (e-s)/1000 ))); done
        med=$(printf '%s\n' "${times[@]}" | median | awk '{printf "%.1f", $1/1000}')
        lo=$(printf '%s\n' "${times[@]}" | sort -n | head -1 | awk '{printf "%.1f", $1/1000}')
        hi=$(printf '%s\n' "${times[@]}" | sort -n | tail -1 | awk '{printf "%.1f", $1/1000}')
    fi
    inproc=-
    if [[ $label == http-compare* ]]; then
        inproc="$(for _ in $(seq 10); do field ms "$($cmd 2>/dev/null)"; done | median) ms"
    fi
    echo "| $label | $med ms | $lo ms | $hi ms | $((rss / 1024)) MiB | $inproc |"
done
echo
echo "(hyperfine -N --warmup 3 --runs $RUNS; URLSession reads the 401 from task.response after cancelling the Basic challenge, see 5a)"

section "2. Streaming upload: $UPLOAD_MIB MiB blob to $ACR (POST + monolithic PUT ?digest=)"
BLOB=$WORK/blob-${UPLOAD_MIB}m.bin
if [[ ! -f $BLOB || $(stat -c %s "$BLOB") != $((UPLOAD_MIB * 1048576)) ]]; then
    head -c $((UPLOAD_MIB * 1048576)) /dev/urandom >"$BLOB"
    rm -f "$BLOB.sha256"
fi
[[ -f $BLOB.sha256 ]] || sha256sum "$BLOB" | cut -d' ' -f1 >"$BLOB.sha256"
HEX=$(cat "$BLOB.sha256")
CURLCFG=$WORK/curl-acr.cfg
(umask 077; printf 'user = "%s:%s"\n' "$ACR_USER" "$(tr -d '\n' <"$ACR_PW")" >"$CURLCFG")
curl_upload() {
    local location
    location=$(curl -sS -K "$CURLCFG" -X POST -D - -o /dev/null "$ACR/v2/bench/urlsession/blobs/uploads/" | tr -d '\r' \
        | awk -F': ' 'tolower($1)=="location" {print $2}')
    [[ $location == http* ]] || location=$ACR$location
    /usr/bin/time -f "maxrss_kib=%M wall_s=%e cpu_s=%U+%S" curl -sS -K "$CURLCFG" -o /dev/null -w 'put=%{http_code}\n' \
        -H 'Content-Type: application/octet-stream' -T "$BLOB" "$location&digest=sha256:$HEX"
}
declare -A UP_RSS UP_WALL UP_CPU UP_STATUS
for _ in $(seq "$UPLOAD_RUNS"); do
    for client in ours urlsession curl; do
        if [[ $client == curl ]]; then
            out=$(curl_upload 2>&1)
        else
            out=$( (/usr/bin/time -f "maxrss_kib=%M wall_s=%e cpu_s=%U+%S" "$HC" upload "$client" "$ACR" bench/urlsession "$BLOB" "$HEX" \
                --user "$ACR_USER" --password-file "$ACR_PW" --timeout 60) 2>&1)
        fi
        UP_RSS[$client]+="$(field maxrss_kib "$out") "
        UP_WALL[$client]+="$(field wall_s "$out") "
        UP_CPU[$client]+="$(field cpu_s "$out" | awk -F+ '{print $1+$2}') "
        UP_STATUS[$client]+="$(field put "$out") "
    done
done
echo "| client | PUT status | peak RSS (median) | wall time (median) | CPU user+sys (median) | runs |"
echo "|---|---|---|---|---|---|"
for client in ours urlsession curl; do
    api=$client; [[ $client == ours ]] && api="ours (FileRegion)"; [[ $client == urlsession ]] && api="URLSession.uploadTask(fromFile:)"
    [[ $client == curl ]] && api="curl -T (7.88.1)"
    rss=$(tr ' ' '\n' <<<"${UP_RSS[$client]}" | grep . | median)
    echo "| $api | $(tr ' ' '\n' <<<"${UP_STATUS[$client]}" | grep . | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')| $((${rss%.*} / 1024)) MiB | $(tr ' ' '\n' <<<"${UP_WALL[$client]}" | grep . | median) s | $(tr ' ' '\n' <<<"${UP_CPU[$client]}" | grep . | median) s | ${UP_RSS[$client]}KiB |"
done
echo
echo "(/usr/bin/time -f %M per process; wall time includes the registry hashing and storing the blob)"

# --- Own servers for 3, 4 and 5 -------------------------------------------------------------
P_REDIRECT_SAME=$((BASE_PORT + 1)); P_RECORD=$((BASE_PORT + 2)); P_TLS=$((BASE_PORT + 3))
P_REDIRECT_HOST=$((BASE_PORT + 4)); P_SLOW=$((BASE_PORT + 5))
REC_LOG=$WORK/record.log; TLS_LOG=$WORK/record-tls.log
: >"$REC_LOG"; : >"$TLS_LOG"
start() { python3 "$PKG/recorder.py" "$@" & STARTED_PIDS+=($!); }
if [[ ! -f $WORK/tls.crt ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/tls.key" -out "$WORK/tls.crt" -days 30 -subj /CN=localhost \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
fi
mkdir -p "$WORK/hashdir"; cp "$WORK/tls.crt" "$WORK/hashdir/"; openssl rehash "$WORK/hashdir" 2>/dev/null || c_rehash "$WORK/hashdir" >/dev/null
start record "$P_RECORD" "$REC_LOG"
start redirect "$P_REDIRECT_SAME" "http://127.0.0.1:$P_RECORD"
start redirect "$P_REDIRECT_HOST" "http://localhost:$P_RECORD"
start tls "$P_TLS" "$WORK/tls.crt" "$WORK/tls.key" "$TLS_LOG"
start slow "$P_SLOW" 8
sleep 1
# The last request the recorder saw: "direct" or "via proxy" (the far proxy connects from its netns).
route() {
    [[ -s $REC_LOG ]] || { echo "not received"; return; }
    tail -1 "$REC_LOG" | python3 -c 'import json,sys; e=json.loads(sys.stdin.read()); print("via proxy" if e["client"].startswith(sys.argv[1] + ":") else "direct")' \
        "$(envq registries.far.netns_address)"
}
clean_env=(env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u NO_PROXY -u no_proxy -u ALL_PROXY -u all_proxy)

section "3. Proxies (ours: ProxySettings(environment:); URLSession: nothing set, libcurl reads the environment)"
if [[ -z $FAR_HOST ]]; then
    echo "skipped: env.json has no far registry yet"
else
    FAR=https://$FAR_HOST/v2/
    PROBE=http://$FAR_HOST_SIDE:$P_RECORD/probe
    LOOP=http://127.0.0.1:$P_RECORD/probe
    echo "| case | URL | ours | URLSession |"
    echo "|---|---|---|---|"
    proxy_case() { # label url env-assignments...
        local label=$1 url=$2 row cell line; shift 2
        row="| $label | $url"
        for client in ours urlsession; do
            : >"$REC_LOG"
            line=$("${clean_env[@]}" "$@" timeout 20 "$HC" request "$client" GET "$url" 2>/dev/null | head -1 || true)
            cell=$(short "$line")
            if [[ $url == *":$P_RECORD/"* ]]; then cell="$cell, $(route)"
            elif [[ $url == "$FAR" ]]; then
                case $cell in 401*) cell="$cell, via proxy" ;; *) cell="$cell, direct" ;; esac
            fi
            row+=" | $cell"
        done
        echo "$row |"
    }
    proxy_case "no variable" "$FAR"
    proxy_case "HTTPS_PROXY" "$FAR" HTTPS_PROXY="$FAR_PROXY"
    proxy_case "https_proxy" "$FAR" https_proxy="$FAR_PROXY"
    proxy_case "HTTPS_PROXY=host:port (no scheme)" "$FAR" HTTPS_PROXY="${FAR_PROXY#http://}"
    proxy_case "HTTPS_PROXY + NO_PROXY=.far.test" "$FAR" HTTPS_PROXY="$FAR_PROXY" NO_PROXY=.far.test
    proxy_case "HTTPS_PROXY + NO_PROXY=${FAR_HOST} (host:port)" "$FAR" HTTPS_PROXY="$FAR_PROXY" NO_PROXY="$FAR_HOST"
    proxy_case "HTTP_PROXY (upper case)" "$PROBE" HTTP_PROXY="$FAR_PROXY"
    proxy_case "http_proxy (lower case)" "$PROBE" http_proxy="$FAR_PROXY"
    proxy_case "http_proxy, loopback 127.0.0.1" "$LOOP" http_proxy="$FAR_PROXY"
    proxy_case "http_proxy, localhost" "http://localhost:$P_RECORD/probe" http_proxy="$FAR_PROXY"
    proxy_case "http_proxy + NO_PROXY=127.0.0.1" "$LOOP" http_proxy="$FAR_PROXY" NO_PROXY=127.0.0.1
    proxy_case "http_proxy + NO_PROXY=127.0.0.0/8" "$LOOP" http_proxy="$FAR_PROXY" NO_PROXY=127.0.0.0/8
    proxy_case "http_proxy + docker's NO_PROXY" "$LOOP" http_proxy="$FAR_PROXY" NO_PROXY="$(envq docker.no_proxy)"
    echo
    echo "(* = 401 read from task.response after cancelling the Basic challenge; a 500 \"not received\" is the proxy"
    echo " failing to reach 127.0.0.1 inside its own network namespace)"
fi

section "4. Redirects (ours never follows; URLSession as it comes, the redirects it follows logged by the delegate)"
# A 1 MiB blob in the S3-backed dockerhub registry: its HEAD and GET answer 307 to the S3 endpoint.
SMALL=$WORK/small.bin
[[ -f $SMALL ]] || head -c 1048576 /dev/urandom >"$SMALL"
SMALL_HEX=$(sha256sum "$SMALL" | cut -d' ' -f1)
HUBCFG=$WORK/curl-hub.cfg
(umask 077; printf 'user = "%s:%s"\n' "$HUB_USER" "$(tr -d '\n' <"$HUB_PW")" >"$HUBCFG")
location=$(curl -sS -K "$HUBCFG" -X POST -D - -o /dev/null "$HUB/v2/bench/urlsession/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location" {print $2}')
[[ $location == http* ]] || location=$HUB$location
curl -sS -K "$HUBCFG" -o /dev/null -T "$SMALL" -H 'Content-Type: application/octet-stream' "$location&digest=sha256:$SMALL_HEX"
echo "| request | ours | URLSession | Authorization at the target |"
echo "|---|---|---|---|"
redirect_case() { # label method url user password-file
    local label=$1 method=$2 url=$3 row line auth; shift 3
    row="| $label"
    for client in ours urlsession; do
        : >"$REC_LOG"
        line=$(timeout 30 "$HC" request "$client" "$method" "$url" --user "$1" --password-file "$2" 2>"$WORK/redirect.err" | head -1 || true)
        final=$(field final-url "$line")
        cell="$(short "$line")"
        [[ $final != "$url" && -n $final ]] && cell="$cell from $(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$final")"
        row+=" | $cell"
    done
    if [[ -s $REC_LOG ]]; then
        auth=$(python3 -c 'import json,sys
print(", ".join(("yes" if "Authorization" in json.loads(l)["headers"] else "no") for l in open(sys.argv[1])))' "$REC_LOG")
        row+=" | recorder: $auth"
    else
        auth=$(grep -o 'authorization-kept=[a-z]*' "$WORK/redirect.err" | head -1)
        row+=" | ${auth:-no redirect followed} (delegate's view)"
    fi
    echo "$row |"
}
for method in HEAD GET; do
    redirect_case "$method registry blob (307 -> S3 127.0.0.1:5010)" "$method" "$HUB/v2/bench/urlsession/blobs/sha256:$SMALL_HEX" "$HUB_USER" "$HUB_PW"
    redirect_case "$method 307 -> other port (127.0.0.1:$P_RECORD)" "$method" "http://127.0.0.1:$P_REDIRECT_SAME/v2/x/blobs/sha256:$SMALL_HEX" basic-user "$ACR_PW"
    redirect_case "$method 307 -> other host (localhost:$P_RECORD)" "$method" "http://127.0.0.1:$P_REDIRECT_HOST/v2/x/blobs/sha256:$SMALL_HEX" basic-user "$ACR_PW"
done

section "5. Other differences"
echo "### 5a. A 401 challenge (the registry's answer to an anonymous or refused request)"
echo
echo "| request | ours | URLSession, no challenge handler | URLSession, challenge cancelled |"
echo "|---|---|---|---|"
TOKEN=http://$(envq registries.token.host)
echo wrong >"$WORK/wrong.pw"
for case in "anonymous GET $ACR/v2/ (Basic)|$ACR/v2/|" "wrong password GET $ACR/v2/ (Basic)|$ACR/v2/|--user $ACR_USER --password-file $WORK/wrong.pw" \
            "anonymous GET $TOKEN/v2/ (Bearer challenge)|$TOKEN/v2/|"; do
    IFS='|' read -r label url args <<<"$case"
    ours_line=$(timeout 15 "$HC" request ours GET "$url" $args 2>/dev/null | head -1 || true)
    start_s=$(date +%s)
    default_line=$(timeout 15 "$HC" request urlsession GET "$url" $args --challenge default --timeout 5 2>/dev/null | head -1 || true)
    default="$(short "$default_line"), body $(field body "$default_line") B"
    [[ -z $default_line ]] && default="never completes (killed after $(( $(date +%s) - start_s )) s; its timeoutIntervalForRequest of 5 s does not fire)"
    cancel_line=$(timeout 15 "$HC" request urlsession GET "$url" $args 2>/dev/null | head -1 || true)
    cancelled="$(short "$cancel_line"), body $(field body "$cancel_line") B"
    echo "| $label | $(short "$ours_line"), body $(field body "$ours_line") B | $default | $cancelled |"
done
echo
echo "### 5b. Trusting a private CA (self-signed https://localhost:$P_TLS)"
echo
echo "| trust given as | ours | URLSession |"
echo "|---|---|---|"
trust_case() { # label extra-args env...
    local label=$1 extra=$2 row line; shift 2
    row="| $label"
    for client in ours urlsession; do
        line=$(env "$@" timeout 20 "$HC" request "$client" GET "https://localhost:$P_TLS/trust" $extra 2>/dev/null | head -1 || true)
        row+=" | $(short "$line")"
    done
    echo "$row |"
}
trust_case "nothing (system store)" ""
trust_case "SSL_CERT_FILE" "" SSL_CERT_FILE="$WORK/tls.crt"
trust_case "SSL_CERT_DIR (hashed)" "" SSL_CERT_DIR="$WORK/hashdir"
trust_case "CURL_CA_BUNDLE" "" CURL_CA_BUNDLE="$WORK/tls.crt"
trust_case "URLSessionCertificateAuthorityInfoFile" "" URLSessionCertificateAuthorityInfoFile="$WORK/tls.crt"
trust_case "API: caFile: (ours) / none on Linux" "--cafile $WORK/tls.crt"
echo
echo "### 5c. Connection reuse (sequential requests, one client)"
echo
echo "| requests | client | total | median per request | connections |"
echo "|---|---|---|---|---|"
for client in ours urlsession; do
    : >"$REC_LOG"
    line=$("$HC" request "$client" GET "http://127.0.0.1:$P_RECORD/keepalive" --count 20)
    conns=$(python3 -c 'import json,sys; print(len({json.loads(l)["client"] for l in open(sys.argv[1])}))' "$REC_LOG")
    echo "| 20 × GET recorder (loopback) | $client | $(field total-ms "$line") ms | $(field median-ms "$line") ms | $conns (client ports seen) |"
done
for client in ours urlsession; do
    line=$("$HC" request "$client" GET "$ACR/v2/" --user "$ACR_USER" --password-file "$ACR_PW" --count 50)
    echo "| 50 × GET $ACR/v2/ (Basic, 200) | $client | $(field total-ms "$line") ms | $(field median-ms "$line") ms | - |"
done
if [[ -n $FAR_HOST ]]; then
    # Three alternating rounds: the far registry's bcrypt check of every request makes single rounds noisy.
    declare -A FAR_TOTAL FAR_MEDIAN FAR_CONNECTS
    for _ in 1 2 3; do
        for client in ours urlsession; do
            before=$(grep -c 'Request .*CONNECT' "$FAR_PROXY_LOG" || true)
            line=$(HTTPS_PROXY=$FAR_PROXY "$HC" request "$client" GET "https://$FAR_HOST/v2/" --user "$FAR_USER" --password-file "$FAR_PW" --count 20)
            after=$(grep -c 'Request .*CONNECT' "$FAR_PROXY_LOG" || true)
            FAR_TOTAL[$client]+="$(field total-ms "$line") "; FAR_MEDIAN[$client]+="$(field median-ms "$line") "
            FAR_CONNECTS[$client]+="$((after - before)) "
        done
    done
    for client in ours urlsession; do
        echo "| 20 × GET https://$FAR_HOST/v2/ via proxy (Basic, 200), 3 rounds | $client | ${FAR_TOTAL[$client]% }ms | ${FAR_MEDIAN[$client]% }ms | ${FAR_CONNECTS[$client]% } CONNECT tunnels (proxy log) |"
    done
    proto=$(grep -o '"GET /v2/ HTTP/[0-9.]*" [0-9]* [0-9]* "" "http-compare[^"]*"' "$(envq registries.far.log)" | tail -1 | awk '{print $3}' | tr -d '"')
    echo
    echo "URLSession's protocol to the far registry (its log): ${proto:-unknown}; ours: HTTP/1.1, Connection: close"
fi
echo
echo "### 5d. Slow commit: PUT of 16 MiB, the server answers 8 s after the last byte (client timeout 5 s)"
echo
SIXTEEN=$WORK/blob-16m.bin
[[ -f $SIXTEEN ]] || head -c 16777216 /dev/urandom >"$SIXTEEN"
echo "| client | outcome | after |"
echo "|---|---|---|"
for client in ours urlsession; do
    line=$("$HC" request "$client" PUT "http://127.0.0.1:$P_SLOW/commit" --upload-file "$SIXTEEN" --timeout 5 || true)
    echo "| $client | $(short "$line") | $(field ms "$line") ms |"
done
echo
echo "### 5e. What each sends for the PUT (recorder)"
echo
: >"$REC_LOG"
for client in ours urlsession; do "$HC" request "$client" PUT "http://127.0.0.1:$P_RECORD/upload" --upload-file "$SIXTEEN" >/dev/null; done
python3 -c 'import json,sys
for l, c in zip(open(sys.argv[1]), ("ours", "urlsession")):
    print("- %s: %s" % (c, ", ".join("%s: %s" % kv for kv in json.loads(l)["headers"].items())))' "$REC_LOG"
