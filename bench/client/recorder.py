#!/usr/bin/env python3
"""Tiny HTTP servers for bench/urlsession.sh.

  recorder.py record   PORT LOG            answers 200 "recorded\\n" (no body for HEAD) and appends one
                                          JSON line per request to LOG: method, path, client address
                                          and port (the connection), headers, body bytes read
  recorder.py redirect PORT TARGET-BASE    answers 307 with Location: TARGET-BASE + the request path
  recorder.py slow     PORT SECONDS        reads the whole body, waits SECONDS, answers 201 (a slow
                                          commit of a big blob)
  recorder.py tls      PORT CERT KEY LOG   `record` over https with CERT/KEY

All listen on 0.0.0.0 (so the far proxy can reach them at 10.211.0.1) and speak HTTP/1.1 with
keep-alive, so a client that reuses connections shows the same client port twice in the log.
"""
import json
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no delayed-ACK stall on keep-alive
    mode = "record"
    arg = ""
    log = None

    def log_message(self, *args):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return total
                remaining = size
                while remaining:
                    chunk = self.rfile.read(min(remaining, 1 << 20))
                    if not chunk:
                        return total
                    remaining -= len(chunk)
                    total += len(chunk)
                self.rfile.readline()
        remaining = int(self.headers.get("Content-Length", "0") or 0)
        total = 0
        while remaining:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
            total += len(chunk)
        return total

    def answer(self, status, headers=(), body=b""):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        if self.headers.get("Expect", "").lower() == "100-continue":
            self.send_response_only(100)
            self.end_headers()
        received = self.read_body()
        if Handler.mode in ("record", "tls"):
            entry = {"time": time.time(), "method": self.command, "path": self.path,
                     "client": "%s:%d" % self.client_address[:2], "headers": dict(self.headers.items()),
                     "body_bytes": received}
            with open(Handler.log, "a") as out:
                out.write(json.dumps(entry) + "\n")
            self.answer(200, [("Content-Type", "text/plain")], b"recorded\n")
        elif Handler.mode == "redirect":
            self.answer(307, [("Location", Handler.arg + self.path)])
        elif Handler.mode == "slow":
            time.sleep(float(Handler.arg))
            self.answer(201, [("Location", "/done")])

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (timeout test) is expected


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    Handler.mode = mode
    if mode == "record":
        Handler.log = sys.argv[3]
    elif mode in ("redirect", "slow"):
        Handler.arg = sys.argv[3]
    elif mode == "tls":
        Handler.log = sys.argv[5]
    server = Server(("0.0.0.0", port), Handler)
    if mode == "tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[3], sys.argv[4])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
