#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of a local registry, for the failure tests.

Usage: fault-proxy.py UPSTREAM_PORT [--listen PORT] [--forever] [--log FILE] [options]

Listens on 127.0.0.1:PORT (--listen, default: a free port), prints the port, forwards every
request to 127.0.0.1:UPSTREAM_PORT (the Host header unchanged, so the registry's upload
locations name the proxy), and serves until stdin closes, or with --forever until SIGTERM.
Bodies are streamed in 64 KiB chunks; only manifest PUTs are read whole (they are small and
some options inspect them).

Faults for requests whose "METHOD PATH" matches --match (default: every request):
  --fail N                the first N matching requests get --status (default 502) and, with
                          --retry-after, a Retry-After header. A 429 is Docker Hub's: the
                          ratelimit-limit/-remaining and docker-ratelimit-source headers and a
                          TOOMANYREQUESTS body
  --retry-after-date S    with --fail: Retry-After as an HTTP date (IMF-fixdate) S seconds ahead
  --reset N               the first N matching requests have their connection closed unanswered
Behaviours of real registries (every request):
  --reject-attestations   a manifest PUT of an index with attestation-manifest entries gets
                          Alibaba Cloud ACR's answer: 400 MANIFEST_INVALID, "unknown manifest
                          class for application/vnd.oci.empty.v1+json"
  --pull-only-challenges  every WWW-Authenticate scope becomes repository:<name>:pull (GHCR)
  --refuse-mounts STATUS  POST .../blobs/uploads/?mount=&from= answered STATUS unforwarded:
                          401 (pull-only Bearer challenge with upstream's realm and service),
                          403 DENIED, 404 BLOB_UNKNOWN; 202: forwarded as a plain upload start
  --lag S                 after a manifest PUT got 201, GET/HEAD of that manifest (by its
                          reference and by the returned digest) answer 404 for S seconds
  --blob-unknown N        the first N manifest PUTs answer 400 BLOB_UNKNOWN unforwarded
  --wrong-upload-digest   a blob upload commit's 201 carries another Docker-Content-Digest
  --commit-delay S        a blob upload commit's answer is held for S seconds (matching commits
                          only, when --match is given)
  --max-body BYTES        a request with a larger Content-Length gets nginx's 413 unforwarded;
  --max-body-close        ... and the connection is closed without reading the body
  --chunk-min-length N    the 202 of POST .../blobs/uploads/ carries OCI-Chunk-Min-Length: N
  --max-chunk BYTES       a PATCH with a larger body gets GHCR's 416 "the request body is too
                          large and exceeds the maximum permissible limit of N.NNMiB"
  --ipv6-blackhole        [::1]:PORT accepts no connection (connects hang, SYNs dropped)
Every request is appended to --log as "METHOD PATH STATUS" (STATUS "reset" for a reset).
"""
import argparse
import email.utils
import hashlib
import http.client
import json
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 64 * 1024
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-connection", "expect"}
ACR_REJECTION = {"errors": [{"code": "MANIFEST_INVALID", "message": "manifest invalid",
                             "detail": "unknown manifest class for application/vnd.oci.empty.v1+json"}]}
NGINX_413 = (b"<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
             b"<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n"
             b"</body>\r\n</html>\r\n")
DOCKER_HUB_RATE_LIMIT = [("ratelimit-limit", "100;w=21600"), ("ratelimit-remaining", "0;w=21600"),
                         ("docker-ratelimit-source", "127.0.0.1")]
NAME_RE = re.compile(r"^/v2/(.+?)/(?:manifests|blobs|tags|referrers)/")
MANIFEST_RE = re.compile(r"^/v2/(.+)/manifests/([^/?]+)$")
UPLOADS_START_RE = re.compile(r"^/v2/(.+)/blobs/uploads/?$")
UPLOAD_RE = re.compile(r"^/v2/(.+)/blobs/uploads/[^/]+$")
SCOPE_RE = re.compile(r'scope="[^"]*"')


def errors(code, message, detail=None):
    entry = {"code": code, "message": message}
    if detail is not None:
        entry["detail"] = detail
    return json.dumps({"errors": [entry]}).encode()


def parse_options(argv):
    parser = argparse.ArgumentParser(description="fault-injecting proxy before a local registry")
    parser.add_argument("upstream", type=int, help="port of the registry on 127.0.0.1")
    parser.add_argument("--listen", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--forever", action="store_true", help="serve until SIGTERM, not until stdin closes")
    parser.add_argument("--log")
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--status", type=int, default=502)
    parser.add_argument("--retry-after")
    parser.add_argument("--retry-after-date", type=float)
    parser.add_argument("--reset", type=int, default=0)
    parser.add_argument("--match", default="")
    parser.add_argument("--reject-attestations", action="store_true")
    parser.add_argument("--pull-only-challenges", action="store_true")
    parser.add_argument("--refuse-mounts", type=int, metavar="STATUS")
    parser.add_argument("--lag", type=float, default=0)
    parser.add_argument("--blob-unknown", type=int, default=0)
    parser.add_argument("--wrong-upload-digest", action="store_true")
    parser.add_argument("--commit-delay", type=float, default=0)
    parser.add_argument("--max-body", type=int)
    parser.add_argument("--max-body-close", action="store_true")
    parser.add_argument("--chunk-min-length", type=int)
    parser.add_argument("--max-chunk", type=int)
    parser.add_argument("--ipv6-blackhole", action="store_true")
    return parser.parse_args(argv)


class State:
    """Counters and memories shared by all connections."""

    def __init__(self, options):
        self.lock = threading.Lock()
        self.fail = options.fail
        self.reset = options.reset
        self.blob_unknown = options.blob_unknown
        self.lagging = {}          # (name, reference) -> monotonic deadline
        self.challenge = None      # (realm, service) of upstream's Bearer challenge

    def take(self, counter):
        with self.lock:
            left = getattr(self, counter)
            if left > 0:
                setattr(self, counter, left - 1)
                return True
            return False


def make_handler(options, state):
    pattern = re.compile(options.match)
    log_lock = threading.Lock()

    def record(method, path, status):
        if options.log:
            with log_lock, open(options.log, "a") as log:
                log.write(f"{method} {path} {status}\n")

    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def handle(self):
            # A client that tries TLS first (containerd does for 127.0.0.1 registries) gets Go
            # net/http's answer, which it recognises as "HTTP response to HTTPS client" and
            # falls back to plain HTTP, as it does with the registry itself.
            try:
                first = self.connection.recv(1, socket.MSG_PEEK)
            except OSError:
                return
            if first == b"\x16":
                try:
                    self.connection.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n"
                                            b"Client sent an HTTP request to an HTTPS server.\n")
                except OSError:
                    pass
                return
            super().handle()

        # -- request body ---------------------------------------------------------------

        def content_length(self):
            try:
                return int(self.headers.get("Content-Length") or 0)
            except ValueError:
                return 0

        def is_chunked(self):
            return self.headers.get("Transfer-Encoding", "").lower() == "chunked"

        def body_chunks(self):
            """Yield the request body in pieces of at most CHUNK bytes."""
            if self.is_chunked():
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass  # trailers
                        return
                    while size:
                        piece = self.rfile.read(min(size, CHUNK))
                        if not piece:
                            raise ConnectionError("client closed the body early")
                        size -= len(piece)
                        yield piece
                    self.rfile.readline()
            else:
                left = self.content_length()
                while left:
                    piece = self.rfile.read(min(left, CHUNK))
                    if not piece:
                        raise ConnectionError("client closed the body early")
                    left -= len(piece)
                    yield piece

        def has_body(self):
            return self.is_chunked() or self.content_length() > 0

        def drain(self):
            for _ in self.body_chunks():
                pass

        def handle_expect_100(self):
            # nginx answers 413 at once instead of "100 Continue" for a body that is too big
            # (without --max-body-close the body is read and dropped, so it is asked for)
            if options.max_body_close and options.max_body is not None and self.content_length() > options.max_body:
                return True
            return super().handle_expect_100()

        # -- answers --------------------------------------------------------------------

        def answer(self, status, data, headers=(), close=False):
            """Answer without forwarding (the request body must be consumed already)."""
            record(self.command, self.path, status)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def answer_json(self, status, data, headers=()):
            self.answer(status, data, [("Content-Type", "application/json; charset=utf-8"),
                                       ("Docker-Distribution-Api-Version", "registry/2.0")] + list(headers))

        # -- upstream -------------------------------------------------------------------

        def upstream_challenge(self):
            """(realm, service) of upstream's Bearer challenge on /v2/, fetched once; for another
            scheme (None, upstream's whole challenge)."""
            if state.challenge is None:
                realm = service = None
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", options.upstream, timeout=10)
                    connection.request("GET", "/v2/", headers={"Host": self.headers.get("Host", "")})
                    response = connection.getresponse()
                    response.read()
                    header = response.getheader("WWW-Authenticate") or ""
                    connection.close()
                    if header.lower().startswith("bearer"):
                        realm = (re.search(r'realm="([^"]*)"', header) or [None, None])[1]
                        service = (re.search(r'service="([^"]*)"', header) or [None, None])[1]
                    else:
                        service = header  # not a token registry: its own challenge is passed on
                except OSError:
                    pass
                state.challenge = (realm, service)
            return state.challenge

        def forward(self, path, body=None, stream_body=False):
            """Send the request upstream; returns the response (headers read, body not)."""
            connection = http.client.HTTPConnection("127.0.0.1", options.upstream, timeout=300)
            connection.putrequest(self.command, path, skip_host=True, skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    connection.putheader(name, value)
            chunked = False
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            elif stream_body and self.is_chunked():
                connection.putheader("Transfer-Encoding", "chunked")
                chunked = True
            elif stream_body and self.content_length():
                connection.putheader("Content-Length", str(self.content_length()))
            elif self.command in ("PUT", "POST", "PATCH"):
                connection.putheader("Content-Length", "0")
            connection.endheaders()
            if body:
                connection.send(body)
            elif stream_body:
                for piece in self.body_chunks():
                    connection.send(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                if chunked:
                    connection.send(b"0\r\n\r\n")
            response = connection.getresponse()
            response.okf_connection = connection
            return response

        def relay(self, response, headers, delay=0):
            """Send upstream's response with (possibly changed) headers, streaming its body."""
            if delay:
                time.sleep(delay)
            record(self.command, self.path, response.status)
            self.send_response_only(response.status)  # upstream's Server and Date are passed on
            if not any(name.lower() == "date" for name, _ in headers):
                self.send_header("Date", self.date_time_string())
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(name, value)
            length = response.getheader("Content-Length")
            bodyless = self.command == "HEAD" or response.status in (204, 304) or 100 <= response.status < 200
            chunked = False
            if length is not None:
                self.send_header("Content-Length", length)  # HEAD answers keep theirs
            elif bodyless:
                self.send_header("Content-Length", "0")
            else:
                self.send_header("Transfer-Encoding", "chunked")
                chunked = True
            self.end_headers()
            if not bodyless:
                while True:
                    piece = response.read(CHUNK)
                    if not piece:
                        break
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
            response.close()
            response.okf_connection.close()

        # -- the request ----------------------------------------------------------------

        def handle_any(self):
            try:
                self.handle_request()
            except (ConnectionError, socket.timeout, http.client.HTTPException, ValueError) as error:
                sys.stderr.write(f"fault-proxy: {self.command} {self.path}: {error!r}\n")
                self.close_connection = True

        def handle_request(self):
            url = urllib.parse.urlsplit(self.path)
            matched = bool(pattern.search(f"{self.command} {self.path}"))
            manifest = MANIFEST_RE.match(url.path)
            is_manifest_put = self.command == "PUT" and manifest is not None
            is_upload_start = self.command == "POST" and UPLOADS_START_RE.match(url.path) is not None
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            is_commit = self.command == "PUT" and UPLOAD_RE.match(url.path) is not None and "digest" in query

            if options.max_body is not None and self.content_length() > options.max_body:
                if options.max_body_close:
                    self.answer(413, NGINX_413, [("Content-Type", "text/html")], close=True)
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_WR)
                    return
                self.drain()
                self.answer(413, NGINX_413, [("Content-Type", "text/html")])
                return

            if options.max_chunk is not None and self.command == "PATCH" and self.content_length() > options.max_chunk:
                self.drain()
                self.answer_json(416, errors("REQUESTED_RANGE_NOT_SATISFIABLE",
                                             "the request body is too large and exceeds the maximum permissible limit of %.2fMiB"
                                             % (options.max_chunk / 1048576), None))
                return

            reset = matched and state.take("reset")
            fail = matched and not reset and state.take("fail")
            if reset:
                record(self.command, self.path, "reset")
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
                self.close_connection = True
                return
            # manifests are small and some options look into them: read them whole
            body = b"".join(self.body_chunks()) if is_manifest_put else None
            if fail:
                if body is None:
                    self.drain()
                self.answer_failure()
                return
            if is_manifest_put and options.reject_attestations and self.is_attested_index(body):
                self.answer_json(400, json.dumps(ACR_REJECTION).encode())
                return
            if is_manifest_put and state.take("blob_unknown"):
                self.answer_json(400, errors("BLOB_UNKNOWN", "blob unknown to registry", self.first_reference(body)))
                return
            if manifest and self.command in ("GET", "HEAD") and self.lagging(manifest.group(1), manifest.group(2)):
                self.drain()
                reference = manifest.group(2)
                detail = ({"Name": manifest.group(1), "Revision": reference} if ":" in reference
                          else {"Tag": reference})  # as distribution words it
                self.answer_json(404, errors("MANIFEST_UNKNOWN", "manifest unknown", detail))
                return
            path = self.path
            if is_upload_start and "mount" in query and options.refuse_mounts is not None:
                name = UPLOADS_START_RE.match(url.path).group(1)
                if options.refuse_mounts != 202:
                    self.drain()
                    self.refuse_mount(options.refuse_mounts, name)
                    return
                kept = [(k, v) for k, v in urllib.parse.parse_qsl(url.query, keep_blank_values=True)
                        if k not in ("mount", "from")]
                path = url.path + ("?" + urllib.parse.urlencode(kept) if kept else "")

            response = self.forward(path, body=body, stream_body=body is None)
            headers = response.getheaders()
            if options.pull_only_challenges:
                headers = [(k, self.pull_only(v, url.path) if k.lower() == "www-authenticate" else v)
                           for k, v in headers]
            if is_upload_start and response.status == 202 and options.chunk_min_length is not None:
                headers.append(("OCI-Chunk-Min-Length", str(options.chunk_min_length)))
            if is_commit and response.status == 201 and options.wrong_upload_digest:
                headers = [(k, self.other_digest(v) if k.lower() == "docker-content-digest" else v)
                           for k, v in headers]
            if is_manifest_put and response.status == 201 and options.lag > 0:
                deadline = time.monotonic() + options.lag
                with state.lock:
                    state.lagging[(manifest.group(1), manifest.group(2))] = deadline
                    digest = response.getheader("Docker-Content-Digest")
                    if digest:
                        state.lagging[(manifest.group(1), digest)] = deadline
            self.relay(response, headers, delay=options.commit_delay if is_commit and matched else 0)

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any

        # -- helpers --------------------------------------------------------------------

        def answer_failure(self):
            status = options.status
            headers = []
            if options.retry_after_date is not None:
                headers.append(("Retry-After", email.utils.formatdate(time.time() + options.retry_after_date, usegmt=True)))
            elif options.retry_after:
                headers.append(("Retry-After", options.retry_after))
            if status == 429:
                headers += DOCKER_HUB_RATE_LIMIT
                data = errors("TOOMANYREQUESTS", "You have reached your pull rate limit. You may increase the limit "
                              "by authenticating and upgrading: https://www.docker.com/increase-rate-limit")
            else:
                data = errors("UNAVAILABLE", "injected fault")
            self.answer_json(status, data, headers)

        def refuse_mount(self, status, name):
            if status == 401:
                realm, service = self.upstream_challenge()
                if realm:
                    challenge = f'Bearer realm="{realm}",service="{service or ""}",scope="repository:{name}:pull"'
                else:
                    challenge = service or 'Basic realm="registry"'
                self.answer_json(401, errors("UNAUTHORIZED", "authentication required",
                                             [{"Type": "repository", "Name": name, "Action": "push"}]),
                                 [("WWW-Authenticate", challenge)])
            elif status == 403:
                self.answer_json(403, errors("DENIED", "requested access to the resource is denied"))
            elif status == 404:
                self.answer_json(404, errors("BLOB_UNKNOWN", "blob unknown to registry"))
            else:
                self.answer_json(status, errors("UNSUPPORTED", "cross-repository mount refused"))

        def lagging(self, name, reference):
            with state.lock:
                deadline = state.lagging.get((name, reference))
                if deadline is None:
                    return False
                if time.monotonic() < deadline:
                    return True
                del state.lagging[(name, reference)]
                return False

        @staticmethod
        def pull_only(value, path):
            match = NAME_RE.match(path)
            if not match or not value.lower().startswith("bearer"):
                return value
            scope = f'scope="repository:{match.group(1)}:pull"'
            if SCOPE_RE.search(value):
                return SCOPE_RE.sub(scope, value)
            return value + "," + scope

        @staticmethod
        def other_digest(value):
            return "sha256:" + hashlib.sha256(("okf-wrong-" + value).encode()).hexdigest()

        @staticmethod
        def first_reference(body):
            try:
                document = json.loads(body)
            except ValueError:
                return "unknown blob"
            for entry in (document.get("layers") or []) + [document.get("config") or {}] + (document.get("manifests") or []):
                if isinstance(entry, dict) and entry.get("digest"):
                    return entry["digest"]
            return "unknown blob"

        @staticmethod
        def is_attested_index(body):
            try:
                document = json.loads(body)
            except ValueError:
                return False
            return any((entry.get("annotations") or {}).get("vnd.docker.reference.type") == "attestation-manifest"
                       for entry in document.get("manifests") or [])

    return Proxy


def ipv6_blackhole(port):
    """[::1]:port whose accept queue is full for good: connects to it hang."""
    listener = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("::1", port))
    listener.listen(0)
    filler = socket.create_connection(("::1", port), timeout=5)  # takes the one slot; never accepted
    return listener, filler


def main():
    options = parse_options(sys.argv[1:])
    state = State(options)
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", options.listen), make_handler(options, state))
    server.daemon_threads = True
    port = server.server_address[1]
    blackhole = ipv6_blackhole(port) if options.ipv6_blackhole else None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(port, flush=True)
    if options.forever:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        while not stop.wait(0.2):
            pass
    else:
        sys.stdin.read()
    server.shutdown()
    if blackhole:
        for sock in blackhole:
            sock.close()


if __name__ == "__main__":
    main()
