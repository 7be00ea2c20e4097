#!/usr/bin/env python3
"""Times `openkf-build metadata` from process start to exit on a typical case (three images,
eight tag rules, a version-tag push), the GitHub API mocked on loopback, and prints the median.
When node and a docker/metadata-action checkout are present (METADATA_ACTION_DIST pointing at
its dist/index.cjs), runs it on the same case in the same loop and prints the ratio.

Usage: metadata_bench.py BINARY [RUNS]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPO = {"name": "openkf", "description": "OpenKF", "html_url": "https://github.com/openimsdk/openkf",
        "license": {"spdx_id": "Apache-2.0"}, "default_branch": "main"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = json.dumps(REPO).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def environment(tmp, api_url):
    event = os.path.join(tmp, "event.json")
    sha = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
    with open(event, "w") as fh:
        json.dump({"ref": "refs/tags/v1.2.3", "repository": {"default_branch": "main"},
                   "head_commit": {"id": sha, "timestamp": "2024-11-05T16:20:11+08:00"}}, fh)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "LANG": "C.UTF-8", "TZ": "UTC",
        "GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/tags/v1.2.3", "GITHUB_SHA": sha,
        "GITHUB_REPOSITORY": "openimsdk/openkf", "GITHUB_EVENT_PATH": event, "GITHUB_API_URL": api_url,
        "RUNNER_TEMP": tmp, "SOURCE_DATE_EPOCH": "1736936130",
        "INPUT_CONTEXT": "workflow", "INPUT_GITHUB-TOKEN": "dummy",
        "INPUT_IMAGES": "openim/openkf-server\nregistry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server\nghcr.io/openimsdk/openkf-server",
        "INPUT_TAGS": "\n".join([
            "type=schedule", "type=ref,event=branch", "type=ref,event=pr", "type=semver,pattern={{version}}",
            "type=semver,pattern={{major}}.{{minor}}", "type=semver,pattern={{major}}",
            "type=sha", "type=raw,value=latest,enable={{is_default_branch}}"]),
    }
    return env


def time_runs(cmd, env, tmp, runs):
    samples = []
    for i in range(runs):
        out = os.path.join(tmp, "out-%d" % i)
        envfile = os.path.join(tmp, "env-%d" % i)
        run_env = dict(env, GITHUB_OUTPUT=out, GITHUB_ENV=envfile)
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=run_env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append((time.perf_counter() - start) * 1000)
        if proc.returncode != 0:
            sys.exit("benchmark run failed: %s" % proc.stderr.decode(errors="replace")[-500:])
    return samples


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api = "http://127.0.0.1:%d" % server.server_address[1]
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(tmp, api)
        candidates = [("openkf-build metadata", [binary, "metadata"])]
        dist = os.environ.get("METADATA_ACTION_DIST", "")
        if dist and os.path.isfile(dist) and subprocess.run(["node", "--version"], stdout=subprocess.DEVNULL).returncode == 0:
            candidates.append(("metadata-action (node)", ["node", dist]))
        time_runs(candidates[0][1], env, tmp, 3)  # warm the page cache
        results = {}
        # interleave the candidates so that both see the same machine state
        for _ in range(runs):
            for name, cmd in candidates:
                results.setdefault(name, []).extend(time_runs(cmd, env, tmp, 1))
        print("case: version tag push, 3 images, 8 tag rules, API mocked on loopback; %d runs each" % runs)
        for name, samples in results.items():
            print("%-26s median %7.1f ms   p90 %7.1f ms" % (name, statistics.median(samples),
                                                          sorted(samples)[int(len(samples) * 0.9) - 1]))
        if len(results) == 2:
            ours = statistics.median(results[candidates[0][0]])
            theirs = statistics.median(results[candidates[1][0]])
            print("ratio node/openkf-build: %.1fx" % (theirs / ours))
        else:
            print("(set METADATA_ACTION_DIST=/path/to/metadata-action/dist/index.cjs to compare with node)")
    server.shutdown()


if __name__ == "__main__":
    main()
