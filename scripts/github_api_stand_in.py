#!/usr/bin/env python3
"""A stand-in for GitHub's REST API on 127.0.0.1 (GitHub itself cannot exist here): answers
GET /repos/OWNER/REPO and GET /repos/OWNER/REPO/commits/SHA, prints its port, serves until
stdin closes."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        if len(parts) == 3 and parts[0] == "repos":
            body = {"name": parts[2], "description": "stand-in repository", "html_url": "https://github.com/%s/%s" % (parts[1], parts[2]),
                    "license": {"spdx_id": "Apache-2.0"}, "default_branch": "main"}
            status = 200
        elif len(parts) >= 5 and parts[0] == "repos" and parts[3] == "commits":
            body = {"sha": parts[4], "commit": {"committer": {"date": "2024-11-05T08:20:11Z"}}}
            status = 200
        else:
            body, status = {"message": "Not Found"}, 404
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
