#!/usr/bin/env python3
"""A stand-in for GitHub's REST API and for chat webhooks on 127.0.0.1 (neither can exist
here): prints its port, serves until stdin closes.

  GET   /repos/O/R                       repository facts (labels)
  GET   /repos/O/R/commits/SHA           a commit date
  GET   /repos/O/R/issues?state=open...  the issues opened here that are still open
  POST  /repos/O/R/issues                opens one (number from 1)
  POST  /repos/O/R/issues/N/comments     comments on one
  PATCH /repos/O/R/issues/N              changes its state
  POST  /hooks/...                       a chat webhook: answers {"ok": true} (DingTalk-style
                                         {"errcode":0} too)
  GET   /_recorded                       every POST/PATCH received, as JSON, for the tests
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
ISSUES = []
RECORDED = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return raw.decode(errors="replace")

    def do_GET(self):
        path, _, query = self.path.partition("?")
        parts = [p for p in path.split("/") if p]
        if parts == ["_recorded"]:
            with LOCK:
                return self.reply(200, RECORDED)
        if len(parts) == 3 and parts[0] == "repos":
            return self.reply(200, {"name": parts[2], "description": "stand-in repository",
                                    "html_url": "https://github.com/%s/%s" % (parts[1], parts[2]),
                                    "license": {"spdx_id": "Apache-2.0"}, "default_branch": "main"})
        if len(parts) >= 5 and parts[0] == "repos" and parts[3] == "commits":
            return self.reply(200, {"sha": parts[4], "commit": {"committer": {"date": "2024-11-05T08:20:11Z"}}})
        if len(parts) == 4 and parts[0] == "repos" and parts[3] == "issues":
            with LOCK:
                return self.reply(200, [i for i in ISSUES if i["state"] == "open"])
        self.reply(404, {"message": "Not Found"})

    def do_POST(self):
        path = self.path.partition("?")[0]
        parts = [p for p in path.split("/") if p]
        body = self.read_body()
        with LOCK:
            RECORDED.append({"method": "POST", "path": self.path, "body": body,
                             "authorization": self.headers.get("Authorization", "")})
            if parts and parts[0] == "hooks":
                return self.reply(200, {"ok": True, "errcode": 0})
            if len(parts) == 4 and parts[0] == "repos" and parts[3] == "issues":
                issue = {"number": len(ISSUES) + 1, "title": body.get("title"), "state": "open",
                         "labels": [{"name": n} for n in body.get("labels", [])]}
                ISSUES.append(issue)
                return self.reply(201, issue)
            if len(parts) == 6 and parts[3] == "issues" and parts[5] == "comments":
                return self.reply(201, {"id": len(RECORDED)})
        self.reply(404, {"message": "Not Found"})

    def do_PATCH(self):
        parts = [p for p in self.path.partition("?")[0].split("/") if p]
        body = self.read_body()
        with LOCK:
            RECORDED.append({"method": "PATCH", "path": self.path, "body": body})
            if len(parts) == 5 and parts[3] == "issues":
                for issue in ISSUES:
                    if issue["number"] == int(parts[4]):
                        issue.update({k: v for k, v in body.items() if k == "state"})
                        return self.reply(200, issue)
        self.reply(404, {"message": "Not Found"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
