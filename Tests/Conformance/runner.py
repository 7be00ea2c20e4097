#!/usr/bin/env python3
"""runner.py: runs one of this project's recorded metadata cases against a candidate program,
the way GitHub's runner runs an action, and prints the normalized result as JSON.

Usage:
    runner.py CASE.json CANDIDATE_CMD...

The project's own harness, so that `Tests/Conformance/check` stands alone in a checkout that
has no ../shared (GitHub's CI). It keeps the contract the cases were recorded under
(docker/metadata-action v6.2.0, see README.md beside this file):

  * a fresh runner layout: workspace (the working directory), RUNNER_TEMP, HOME, the event
    file and the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE / GITHUB_STEP_SUMMARY / GITHUB_PATH
    files;
  * a scrubbed environment: PATH and LD_LIBRARY_PATH, LANG=C.UTF-8, TZ=UTC, the runner's
    variables, SOURCE_DATE_EPOCH=1736936130 as "now", then the case's `env` (null removes);
  * the inputs action.yml defaults (context=workflow, a dummy github-token), then the case's
    `inputs` as INPUT_<NAME> (null removes);
  * a stand-in for GitHub's REST API on 127.0.0.1 (GET /repos/O/R, GET /repos/O/R/commits/REF),
    shaped by the case's `api` (repo_status, repo, commit_status, commit_date, url);
  * a git repository in the workspace when the case has `git` (for `context: git`).

The normalized result: on failure {failed, error, errors, warnings}; on success {failed,
warnings, outputs_present, version, tags, tag-names, labels, annotations, json, raw_json, bake,
env}. Exit status 0 when a result was printed, 2 on a harness error.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOW_EPOCH = "1736936130"  # 2025-01-15T10:15:30Z, the clock the cases were recorded with
COMMIT_DATE = "2025-01-14T22:45:07Z"
TOKEN = "ghs_0racleDummyT0ken000000000000000000000"
SEPARATED = {"tags": "sep-tags", "tag-names": "sep-tags", "labels": "sep-labels", "annotations": "sep-annotations"}
BAKE_FILES = ("bake-file-tags", "bake-file-labels", "bake-file-annotations", "bake-file")
COMMAND = re.compile(r"^::(error|warning)(?: [^:]*)?::(.*)$")


def repository(owner, name, server, overrides):
    """What GET /repos/OWNER/NAME answers: the recording's fixture repository."""
    full = owner + "/" + name
    page = server.rstrip("/") + "/" + full
    repo = {
        "id": 700000001, "node_id": "R_kgDOOracle01", "name": name, "full_name": full, "private": False,
        "owner": {"login": owner, "id": 80000001, "type": "Organization"}, "html_url": page,
        "description": "Oracle fixture repository for " + full, "fork": False,
        "url": "https://api.github.com/repos/" + full, "clone_url": page + ".git",
        "homepage": "https://www.openim.io", "size": 1234, "stargazers_count": 42, "language": "Go",
        "archived": False, "disabled": False,
        "license": {"key": "apache-2.0", "name": "Apache License 2.0", "spdx_id": "Apache-2.0",
                    "url": "https://api.github.com/licenses/apache-2.0", "node_id": "MDc6TGljZW5zZTI="},
        "topics": ["docker", "openim"], "visibility": "public", "default_branch": "main",
    }
    for key, value in overrides.items():
        if value is not None:
            repo[key] = value
        elif key in ("description", "license", "homepage"):
            repo[key] = None
        else:
            repo.pop(key, None)
    return repo


def start_api(config, server):
    """The REST API stand-in on a free loopback port; returns (server, its URL)."""

    def answer(path):
        parts = [urllib.parse.unquote(p) for p in path.split("/") if p]
        missing = (404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        if len(parts) == 3 and parts[0] == "repos":
            status = int(config.get("repo_status", 200))
            return (status, missing[1]) if status != 200 else (200, repository(parts[1], parts[2], server, config.get("repo") or {}))
        if len(parts) >= 5 and parts[0] == "repos" and parts[3] == "commits":
            status = int(config.get("commit_status", 200))
            if status != 200:
                return status, missing[1]
            date = config.get("commit_date", COMMIT_DATE)
            person = lambda role: {"name": "Oracle " + role, "email": role.lower() + "@example.com", "date": date}
            return 200, {"sha": "/".join(parts[4:]),
                         "commit": {"author": person("Author"), "committer": person("Committer"), "message": "oracle fixture commit"}}
        return missing

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self.reply(*answer(urllib.parse.urlsplit(self.path).path))

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.reply(404, {"message": "Not Found"})

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, "http://127.0.0.1:%d" % httpd.server_address[1]


def read_file_command(path):
    """NAME=VALUE and NAME<<DELIMITER blocks, as the runner reads GITHUB_OUTPUT and GITHUB_ENV."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = [line[:-1] if line.endswith("\r") else line for line in fh.read().split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    values, i = {}, 0
    while i < len(lines):
        line, i = lines[i], i + 1
        if not line:
            continue
        eq, heredoc = line.find("="), line.find("<<")
        if eq >= 0 and (heredoc < 0 or eq < heredoc):
            values[line[:eq]] = line[eq + 1:]
            continue
        if heredoc < 0:
            raise ValueError("invalid line %r in %s" % (line, os.path.basename(path)))
        name, delimiter, body = line[:heredoc], line[heredoc + 2:], []
        while i < len(lines) and lines[i] != delimiter:
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise ValueError("unterminated heredoc for %r in %s" % (name, os.path.basename(path)))
        i += 1
        values[name] = "\n".join(body)
    return values


def make_git_repository(workspace, spec, env):
    """The case's repository: commits, a branch, tags, a detached or tag checkout."""
    env = dict(env, GIT_AUTHOR_NAME="Oracle Author", GIT_AUTHOR_EMAIL="author@example.com",
               GIT_COMMITTER_NAME="Oracle Committer", GIT_COMMITTER_EMAIL="committer@example.com",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    date = spec.get("commit_date", "2024-03-01T12:00:00+01:00")
    env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date

    def git(*args):
        subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "tag.gpgSign=false", "-c", "commit.gpgSign=false", *args],
                       cwd=workspace, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    git("init", "-q")
    for n in range(spec.get("commits", 1)):
        with open(os.path.join(workspace, "file.txt"), "w") as fh:
            fh.write("commit %d\n" % n)
        git("add", "file.txt")
        git("commit", "-q", "-m", "commit %d" % n)
    if spec.get("branch", "main") != "main":
        git("checkout", "-q", "-b", spec["branch"])
    for tag in spec.get("tags", []):
        git("tag", tag)
    for tag in spec.get("annotated_tags", []):
        git("tag", "-a", "-m", "tag " + tag, tag)
    if spec.get("detached"):
        git("checkout", "-q", "--detach")
    if spec.get("checkout_tag"):
        git("checkout", "-q", spec["checkout_tag"])


def normalized(rc, stdout, outputs, exported, separators):
    errors, warnings = [], []
    for line in stdout.splitlines():
        match = COMMAND.match(line)
        if match:
            text = match.group(2).replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
            (errors if match.group(1) == "error" else warnings).append(text)
    if rc != 0:
        return {"failed": True, "error": errors[0] if errors else None, "errors": errors, "warnings": warnings}
    result = {"failed": False, "warnings": warnings, "outputs_present": sorted(outputs), "version": outputs.get("version")}
    for name, separator in SEPARATED.items():
        value = outputs.get(name)
        result[name] = None if value is None else ([] if value == "" else value.split(separators.get(separator) or "\n"))
    result["raw_json"] = outputs.get("json")
    try:
        result["json"] = None if "json" not in outputs else json.loads(outputs["json"])
    except ValueError:
        result["json"] = {"<unparsable>": outputs["json"]}
    bake = {}
    for name in (n for n in BAKE_FILES if n in outputs):
        path = outputs[name]
        if not (path and os.path.isfile(path)):
            bake[name] = "<missing file>"
            continue
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        try:
            bake[name] = json.loads(text)
        except ValueError:
            bake[name] = {"<unparsable>": text}
    result["bake"] = bake
    names = sorted(k for k in exported if k.startswith("DOCKER_METADATA_OUTPUT_"))
    by_variable = {"DOCKER_METADATA_OUTPUT_" + re.sub(r"\W", "_", n).upper(): n for n in outputs}
    differs = [k for k in names if by_variable.get(k) is None or exported[k] != outputs[by_variable[k]]]
    result["env"] = {"exported": names, "differs_from_output": differs}
    return result


def run(case, command):
    """Runs `command` on `case` (a parsed case file) in a fresh runner layout; the normalized result."""
    case_env, api_config = case.get("env") or {}, case.get("api") or {}
    server = case_env.get("GITHUB_SERVER_URL") or "https://github.com"
    with tempfile.TemporaryDirectory(prefix="okf-case-") as tmp:
        dirs = {name: os.path.join(tmp, name) for name in ("workspace", "runner_temp", "home", "files")}
        for path in dirs.values():
            os.makedirs(path)
        files = {name: os.path.join(dirs["files"], name) for name in ("output", "env", "state", "summary", "path")}
        for path in files.values():
            open(path, "w").close()
        event = os.path.join(tmp, "event.json")
        if case.get("event") is not None:
            with open(event, "w", encoding="utf-8") as fh:
                json.dump(case["event"], fh, indent=2)
        httpd, api_url = start_api(api_config, server)
        try:
            env = {name: os.environ[name] for name in ("PATH", "LD_LIBRARY_PATH") if name in os.environ}
            env.update({
                "LANG": "C.UTF-8", "TZ": "UTC", "HOME": dirs["home"], "CI": "true", "GITHUB_ACTIONS": "true",
                "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_NAME": "okf-case-runner", "RUNNER_TEMP": dirs["runner_temp"],
                "RUNNER_TOOL_CACHE": os.path.join(tmp, "toolcache"), "GITHUB_WORKSPACE": dirs["workspace"],
                "GITHUB_EVENT_PATH": event, "GITHUB_OUTPUT": files["output"], "GITHUB_ENV": files["env"],
                "GITHUB_STATE": files["state"], "GITHUB_STEP_SUMMARY": files["summary"], "GITHUB_PATH": files["path"],
                "GITHUB_SERVER_URL": server, "GITHUB_GRAPHQL_URL": api_url + "/graphql",
                "GITHUB_ACTION": "__docker_metadata-action", "GITHUB_ACTION_REPOSITORY": "docker/metadata-action",
                "GITHUB_RETENTION_DAYS": "90", "SOURCE_DATE_EPOCH": NOW_EPOCH,
            })
            for name, value in case_env.items():
                if value is None:
                    env.pop(name, None)
                else:
                    env[name] = str(value)
            env["GITHUB_API_URL"] = api_config.get("url") or api_url
            inputs = {"context": "workflow", "github-token": TOKEN, **(case.get("inputs") or {})}
            for name, value in inputs.items():
                variable = "INPUT_" + name.replace(" ", "_").upper()
                if value is None:
                    env.pop(variable, None)
                else:
                    env[variable] = str(value)
            if case.get("git"):
                make_git_repository(dirs["workspace"], case["git"], env)
            proc = subprocess.run(command, cwd=dirs["workspace"], env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            rc, stdout = proc.returncode, proc.stdout.decode("utf-8", "replace")
            try:
                outputs, exported = read_file_command(files["output"]), read_file_command(files["env"])
            except ValueError as error:
                outputs, exported, rc = {}, {}, rc or 99
                stdout += "\n::error::runner.py: %s" % error
            separators = {name: inputs.get(name) for name in ("sep-tags", "sep-labels", "sep-annotations")}
            return normalized(rc, stdout, outputs, exported, separators)
        finally:
            httpd.shutdown()
            httpd.server_close()


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        case = json.load(fh)
    command = [os.path.abspath(a) if not os.path.isabs(a) and os.sep in a and os.path.exists(a) else a for a in argv[1:]]
    try:
        result = run(case, command)
    except (OSError, subprocess.SubprocessError) as error:
        sys.stderr.write("runner.py: %s\n" % error)
        return 2
    sys.stdout.write(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
