#!/usr/bin/env python3
"""Differential testing of `openkf-build metadata` against docker/metadata-action itself.

Generates random cases (events from Tests/Conformance/make_cases.py, random tag rules, flavors,
labels and expressions), runs each through the shared kit's run-case with both programs, and
prints every case whose strict results differ (the case file is kept for turning into a
recorded case). Needs node and a metadata-action v6.2.0 checkout:

    METADATA_ACTION_DIST=/path/to/dist/index.cjs scripts/differential.py [COUNT] [SEED]
"""
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "Conformance"))
import make_cases  # noqa: E402

KIT = os.environ.get("KIT", os.path.join(os.path.dirname(ROOT), "shared", "conformance", "metadata"))
OURS = [os.path.join(ROOT, ".build", "release", "openkf-build"), "metadata"]

VALUES = ["v1.2.3", "1.2.3", "v2.0.0-rc.1", "1.0.0rc1", "2!1.0.post2", "release-2024", "feature/x", "v1", "1.2",
          "v10.20.30-beta.1+exp.sha.5114f85", "0.0.0", "v1.2.3-0", "{{tag}}", "{{branch}}", "{{sha}}", "foo bar", "ÄÖ", ""]
PATTERNS = ["{{version}}", "{{major}}.{{minor}}", "{{major}}", "{{raw}}", "{{major}}.{{minor}}.{{patch}}", "v{{major}}",
            "{{prerelease}}", "{{build}}", "{{{version}}}", "x{{version}}y"]
EXPRS = ["{{branch}}", "{{tag}}", "{{sha}}", "{{base_ref}}", "{{is_default_branch}}", "{{is_not_default_branch}}",
         "{{date 'YYYYMMDD'}}", "{{date 'YYYY-MM-DD HH:mm' tz='Asia/Tokyo'}}", "{{commit_date 'X'}}", "{{date 'Do MMM'}}",
         "{{#if branch}}b{{else}}n{{/if}}", "{{nope}}", "lit", "a&b", "{{{branch}}}", "{{date 'GGGG-[W]WW' tz='America/New_York'}}"]
MATCHES = ["\\d+", "v(\\d+)\\.(\\d+)", "/v(\\d+)/i", "/(\\d)/g", "^(\\w+)-", "(?<n>\\d)", "x(y)?", "\\d{1", "[a-z]+$"]


def rand_rule(r):
    kind = r.choice(["schedule", "semver", "pep440", "match", "edge", "ref", "raw", "sha", "bare"])
    attrs = []
    if kind == "schedule":
        if r.random() < 0.7:
            attrs.append("pattern=" + r.choice(["nightly", "{{date 'YYYYMMDD'}}", "n-{{date 'HHmm' tz='Europe/Paris'}}"]))
    elif kind in ("semver", "pep440"):
        attrs.append("pattern=" + r.choice(PATTERNS))
        if r.random() < 0.5:
            attrs.append("value=" + r.choice(VALUES))
        if r.random() < 0.2:
            attrs.append("match=" + r.choice(["v(.*)$", "(\\d+\\.\\d+\\.\\d+)", "^release-(.*)"]))
    elif kind == "match":
        attrs.append("pattern=" + r.choice(MATCHES))
        if r.random() < 0.6:
            attrs.append("group=" + r.choice(["0", "1", "2", "3", "01"]))
        if r.random() < 0.4:
            attrs.append("value=" + r.choice(VALUES))
    elif kind == "edge":
        if r.random() < 0.5:
            attrs.append("branch=" + r.choice(["main", "dev", "master"]))
    elif kind == "ref":
        attrs.append("event=" + r.choice(["branch", "tag", "pr"]))
    elif kind == "raw":
        attrs.append("value=" + r.choice(EXPRS + VALUES))
    elif kind == "sha":
        if r.random() < 0.4:
            attrs.append("format=" + r.choice(["short", "long"]))
    if r.random() < 0.25:
        attrs.append("prefix=" + r.choice(["p-", "", "{{branch}}-", "v"]))
    if r.random() < 0.25:
        attrs.append("suffix=" + r.choice(["-s", "", "-{{sha}}"]))
    if r.random() < 0.15:
        attrs.append("enable=" + r.choice(["true", "false", "{{is_default_branch}}", "{{is_not_default_branch}}"]))
    if r.random() < 0.2:
        attrs.append("priority=" + r.choice(["1", "500", "950", "2000", "x"]))
    r.shuffle(attrs)
    if kind == "bare":
        return r.choice(VALUES[:8])
    return ",".join(["type=" + kind] + attrs)


def rand_case(r, index):
    event = r.choice(list(make_cases.EVENTS))
    inputs = {"images": r.choice(["a/b", make_cases.IMAGES3, "name=A/B\nname=c/d,enable=false", "x/y,z/w"]),
              "tags": "\n".join(rand_rule(r) for _ in range(r.randint(1, 6)))}
    if r.random() < 0.4:
        inputs["flavor"] = "\n".join(r.sample(["latest=auto", "latest=true", "latest=false", "prefix=f-", "suffix=-g",
                                               "prefix=f-,onlatest=true", "suffix=-g,onlatest=true"], r.randint(1, 3)))
    if r.random() < 0.5:
        inputs["labels"] = "\n".join("l%d=%s" % (i, r.choice(EXPRS)) for i in range(r.randint(1, 4)))
    extra = {}
    if r.random() < 0.2:
        extra["DOCKER_METADATA_SHORT_SHA_LENGTH"] = r.choice(["4", "12", "40", "0"])
    if r.random() < 0.2:
        extra["DOCKER_METADATA_PR_HEAD_SHA"] = "true"
    if r.random() < 0.3:
        extra["SOURCE_DATE_EPOCH"] = str(r.randint(0, 4102444800))
    spec = ("fuzz-%04d" % index, event, inputs, extra, None, None, None, "random")
    return make_cases.build(*spec)


def run(case_path, cmd):
    proc = subprocess.run([sys.executable, os.path.join(KIT, "run-case"), case_path] + cmd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        return {"harness_error": proc.stderr.decode(errors="replace")[-300:]}
    result = json.loads(proc.stdout)
    result.pop("_info", None)
    return result


def main():
    dist = os.environ.get("METADATA_ACTION_DIST")
    if not dist or not os.path.isfile(dist):
        sys.exit("set METADATA_ACTION_DIST to metadata-action's dist/index.cjs")
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    r = random.Random(seed)
    out = tempfile.mkdtemp(prefix="differential-")
    paths = []
    for i in range(count):
        path = os.path.join(out, "fuzz-%04d.json" % i)
        with open(path, "w") as fh:
            json.dump(rand_case(r, i), fh, indent=2, ensure_ascii=False)
        paths.append(path)

    def compare(path):
        return path, run(path, ["node", dist]), run(path, OURS)

    differing = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for path, theirs, ours in pool.map(compare, paths):
            if theirs != ours:
                differing += 1
                keys = sorted(k for k in set(theirs) | set(ours) if theirs.get(k) != ours.get(k))
                print("DIFF %s in %s" % (path, ", ".join(keys)))
                for k in keys[:3]:
                    print("   upstream: %s" % json.dumps(theirs.get(k), ensure_ascii=False)[:300])
                    print("   ours:     %s" % json.dumps(ours.get(k), ensure_ascii=False)[:300])
    print("%d cases, %d differ (seed %d, cases in %s)" % (count, differing, seed, out))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
