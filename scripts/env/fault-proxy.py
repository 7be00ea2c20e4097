#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of a local registry, for the failure tests.

Usage: fault-proxy.py UPSTREAM_PORT [--fail N] [--status CODE] [--retry-after SECONDS]
                      [--reset N] [--match REGEX] [--reject-attestations] [--log FILE]

Listens on a free 127.0.0.1 port, prints it, forwards every request to 127.0.0.1:UPSTREAM_PORT
unchanged (the Host header too, so the registry's upload locations name the proxy), and
serves until stdin closes. Faults apply to requests whose "METHOD PATH" matches --match
(default: every request):
  --fail N                the first N matching requests get --status (default 502) and, with
                          --retry-after, a Retry-After header
  --reset N               the first N matching requests have their connection closed unanswered
  --reject-attestations   a manifest PUT of an index with attestation-manifest entries gets
                          Alibaba Cloud ACR's answer: 400 MANIFEST_INVALID, "unknown manifest
                          class for application/vnd.oci.empty.v1+json"
Every request is appended to --log as "METHOD PATH STATUS" (STATUS "reset" for a reset).
"""
import argparse
import http.client
import json
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
ACR_REJECTION = {"errors": [{"code": "MANIFEST_INVALID", "message": "manifest invalid",
                             "detail": "unknown manifest class for application/vnd.oci.empty.v1+json"}]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("upstream", type=int)
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--status", type=int, default=502)
    parser.add_argument("--retry-after")
    parser.add_argument("--reset", type=int, default=0)
    parser.add_argument("--match", default="")
    parser.add_argument("--reject-attestations", action="store_true")
    parser.add_argument("--log")
    options = parser.parse_args()
    state = {"fail": options.fail, "reset": options.reset}
    lock = threading.Lock()
    pattern = re.compile(options.match)

    def record(method, path, status):
        if options.log:
            with lock, open(options.log, "a") as log:
                log.write(f"{method} {path} {status}\n")

    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = self.read_chunked()
            matched = bool(pattern.search(f"{self.command} {self.path}"))
            with lock:
                reset = matched and state["reset"] > 0
                fail = matched and not reset and state["fail"] > 0
                if reset:
                    state["reset"] -= 1
                elif fail:
                    state["fail"] -= 1
            if reset:
                record(self.command, self.path, "reset")
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
                self.close_connection = True
                return
            if fail:
                self.answer(options.status, json.dumps({"errors": [{"code": "UNAVAILABLE", "message": "injected fault"}]}).encode(),
                            [("Retry-After", options.retry_after)] if options.retry_after else [])
                return
            if options.reject_attestations and self.command == "PUT" and "/manifests/" in self.path and self.is_attested_index(body):
                self.answer(400, json.dumps(ACR_REJECTION).encode(), [])
                return
            upstream = http.client.HTTPConnection("127.0.0.1", options.upstream, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            if body or self.command in ("PUT", "POST", "PATCH"):
                headers["Content-Length"] = str(len(body))
            upstream.request(self.command, self.path, body=body if body or self.command in ("PUT", "POST", "PATCH") else None, headers=headers)
            response = upstream.getresponse()
            data = response.read()
            self.answer(response.status, data, [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}],
                        head=self.command == "HEAD", length=response.getheader("Content-Length"))
            upstream.close()

        def read_chunked(self):
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()

        @staticmethod
        def is_attested_index(body):
            try:
                document = json.loads(body)
            except ValueError:
                return False
            return any((entry.get("annotations") or {}).get("vnd.docker.reference.type") == "attestation-manifest"
                       for entry in document.get("manifests") or [])

        def answer(self, status, data, headers, head=False, length=None):
            record(self.command, self.path, status)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", length if head and length is not None else str(len(data)))
            self.end_headers()
            if not head:
                self.wfile.write(data)

        do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any

    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
