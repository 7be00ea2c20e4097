#!/usr/bin/env python3
"""Writes this project's own metadata conformance cases (Tests/Conformance/cases/*.json).

Each case is (event, inputs, environment) in the format of ../shared/conformance/metadata.
Expected results are recorded from docker/metadata-action v6.2.0 itself with ./record.
Run: python3 Tests/Conformance/make_cases.py
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

SHA = "860c1904a1ce19322e91ac35af1ab07466440c37"
HEAD_SHA = "c4ca4238a0b923820dcc509a6f75849bb1e2f6d7"
REPO = {
    "id": 1, "name": "openkf", "full_name": "openimsdk/openkf", "private": False,
    "owner": {"login": "openimsdk", "type": "Organization"},
    "html_url": "https://github.com/openimsdk/openkf",
    "description": "OpenKF", "default_branch": "main",
}
IMAGES3 = "openim/openkf-server\nregistry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server\nghcr.io/openimsdk/openkf-server"


def env(event, ref, sha=SHA, **extra):
    e = {
        "GITHUB_EVENT_NAME": event, "GITHUB_REF": ref, "GITHUB_SHA": sha,
        "GITHUB_REPOSITORY": "openimsdk/openkf", "GITHUB_REPOSITORY_OWNER": "openimsdk",
        "GITHUB_RUN_ID": "123", "GITHUB_RUN_NUMBER": "7", "GITHUB_ACTOR": "dev",
        "GITHUB_WORKFLOW": "ci", "GITHUB_JOB": "build",
    }
    e.update(extra)
    return e


def push(ref, sha=SHA, base_ref=None, stamp="2024-11-05T16:20:11+08:00", commits=True):
    ev = {"ref": ref, "after": sha, "base_ref": base_ref, "repository": REPO,
          "head_commit": {"id": sha, "timestamp": stamp}}
    if commits:
        ev["commits"] = [{"id": sha, "timestamp": stamp}]
    return ev


def pull(number=15, base="main", head_sha=HEAD_SHA):
    return {"action": "synchronize", "number": number, "repository": REPO,
            "pull_request": {"number": number, "head": {"ref": "feature/x", "sha": head_sha},
                             "base": {"ref": base, "sha": SHA}}}


EVENTS = {
    "push-main": (lambda: env("push", "refs/heads/main"), lambda: push("refs/heads/main")),
    "push-dev": (lambda: env("push", "refs/heads/dev"), lambda: push("refs/heads/dev")),
    "push-feature": (lambda: env("push", "refs/heads/feature/Login_Page#2"), lambda: push("refs/heads/feature/Login_Page#2")),
    "tag-v1.2.3": (lambda: env("push", "refs/tags/v1.2.3"), lambda: push("refs/tags/v1.2.3", base_ref="refs/heads/main")),
    "tag-rc": (lambda: env("push", "refs/tags/v2.0.0-rc.1"), lambda: push("refs/tags/v2.0.0-rc.1")),
    "tag-plain": (lambda: env("push", "refs/tags/release-2024"), lambda: push("refs/tags/release-2024")),
    "pr": (lambda: env("pull_request", "refs/pull/15/merge"), lambda: pull()),
    "pr-target": (lambda: env("pull_request_target", "refs/heads/main"), lambda: pull(number=23)),
    "schedule": (lambda: env("schedule", "refs/heads/main"), lambda: {"schedule": "0 3 * * *"}),
    "dispatch": (lambda: env("workflow_dispatch", "refs/heads/main"), lambda: {"ref": "refs/heads/main", "repository": REPO}),
    "release": (lambda: env("release", "refs/tags/v3.1.4"), lambda: {"action": "published", "release": {"tag_name": "v3.1.4"}, "repository": REPO}),
    "merge-group": (lambda: env("merge_group", "refs/heads/gh-readonly-queue/main/pr-1-abc"), lambda: {"merge_group": {"head_sha": SHA}, "repository": REPO}),
}

CASES = []


def case(name, event, inputs, extra_env=None, api=None, event_patch=None, git=None, description=""):
    CASES.append((name, event, inputs, extra_env or {}, api, event_patch, git, description))


# --- default tags and events
for ev in EVENTS:
    case(f"default-{ev}", ev, {"images": IMAGES3})
    case(f"openkf-rules-{ev}", ev, {"images": IMAGES3, "tags": "type=schedule\ntype=ref,event=branch\ntype=ref,event=pr\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}\ntype=semver,pattern={{major}}.{{minor}}.{{patch}}\ntype=sha\ntype=raw,value=latest,enable={{is_default_branch}}"})

# --- semver
for v in ["v1.2.3", "1.2.3", "v0.0.1", "v1.2.3-alpha", "v1.2.3-beta.4+build.5", "v1.2", "v01.2.3", "=1.2.3", "v1.2.3+meta", "V1.2.3", "v1.2.3-0.1.2", "1.0.0-x-y-z.--", "v99999999999999999999.0.0"]:
    case(f"semver-value-{v}", "push-main", {"images": "a/b", "tags": "\n".join([
        f"type=semver,pattern={{{{version}}}},value={v}", f"type=semver,pattern={{{{major}}}}.{{{{minor}}}},value={v}",
        f"type=semver,pattern={{{{raw}}}},value={v}", f"type=semver,pattern=p{{{{prerelease}}}}-b{{{{build}}}}-{{{{patch}}}},value={v}"])})
case("semver-match-attr", "push-main", {"images": "a/b", "tags": "type=semver,pattern={{version}},value=app/v1.4.2,match=v(\\d+\\.\\d+\\.\\d+)$\ntype=semver,pattern={{major}},value=nomatch,match=^v(\\d)"})
case("semver-flavor-latest-false", "tag-v1.2.3", {"images": "a/b", "tags": "type=semver,pattern={{version}}", "flavor": "latest=false"})
case("semver-rc-latest-auto", "tag-rc", {"images": "a/b", "tags": "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{raw}}"})
case("semver-on-branch-skipped", "push-main", {"images": "a/b", "tags": "type=semver,pattern={{version}}\ntype=ref,event=branch"})
case("semver-pattern-literal", "tag-v1.2.3", {"images": "a/b", "tags": "type=semver,pattern=v{{major}}-stable\ntype=semver,pattern={{{version}}}"})
case("semver-missing-pattern-error", "tag-v1.2.3", {"images": "a/b", "tags": "type=semver"})

# --- pep440
for v in ["1.0.0", "1.0.0rc1", "1.0.0.post1", "1.0.0.dev2", "v1.0", "2!1.0", "1.0+local.7", "1.0.0-rc1", "bogus!", "1.2.3a4"]:
    case(f"pep440-value-{v}", "push-main", {"images": "a/b", "tags": "\n".join([
        f"type=pep440,pattern={{{{version}}}},value={v}", f"type=pep440,pattern={{{{major}}}}.{{{{minor}}}},value={v}",
        f"type=pep440,pattern={{{{raw}}}},value={v}", f"type=pep440,pattern=m{{{{major}}}},value={v}"])})

# --- match
case("match-groups", "tag-v1.2.3", {"images": "a/b", "tags": "type=match,pattern=v(\\d+)\\.(\\d+),group=2\ntype=match,pattern=v(\\d+)\\.(\\d+),group=5\ntype=match,pattern=(x)?v,group=1"})
case("match-regex-literal-flags", "tag-plain", {"images": "a/b", "tags": "type=match,pattern=/RELEASE-(\\d+)/i,group=1\ntype=match,pattern=/\\d/g,group=2"})
case("match-invalid-flags-error", "tag-plain", {"images": "a/b", "tags": "type=match,pattern=/a/xyz"})
case("match-nothing-to-repeat-error", "tag-plain", {"images": "a/b", "tags": "type=match,pattern=*abc"})
case("match-value-attr", "push-main", {"images": "a/b", "tags": "type=match,pattern=\\d+\\.\\d+,value=app-10.4-final"})
case("match-unicode-digit", "push-main", {"images": "a/b", "tags": "type=match,pattern=\\d+,value=v١٢٣-7"})
case("match-group-named", "tag-v1.2.3", {"images": "a/b", "tags": "type=match,pattern=v(?<major>\\d+),group=1"})
case("match-group-leading-zero", "tag-v1.2.3", {"images": "a/b", "tags": "type=match,pattern=v(\\d),group=01"})

# --- edge / ref / raw / sha
case("edge-custom-branch", "push-dev", {"images": "a/b", "tags": "type=edge,branch=dev\ntype=edge"})
case("ref-all-events-tag", "tag-plain", {"images": "a/b", "tags": "type=ref,event=branch\ntype=ref,event=tag\ntype=ref,event=pr"})
case("ref-pr-custom-prefix", "pr", {"images": "a/b", "tags": "type=ref,event=pr,prefix=pull-,suffix=-x"})
case("ref-missing-event-error", "push-main", {"images": "a/b", "tags": "type=ref"})
case("ref-invalid-event-error", "push-main", {"images": "a/b", "tags": "type=ref,event=push"})
case("raw-missing-value-error", "push-main", {"images": "a/b", "tags": "type=raw"})
case("raw-bare-values", "push-main", {"images": "a/b", "tags": "foo\nbar,priority=300\nv1,enable=false"})
case("raw-trailing-comma", "push-main", {"images": "a/b", "tags": "type=raw,value=x,\ntype=raw,value=kept"})
case("raw-sanitize", "push-main", {"images": "a/b", "tags": "type=raw,value=a b/c:d@e\ntype=raw,value=--ok..__"})
case("raw-all-expressions", "push-feature", {"images": "a/b", "tags": "type=raw,value={{branch}}-{{tag}}-{{sha}}-{{base_ref}}-{{is_default_branch}}-{{is_not_default_branch}}"})
case("raw-date-formats", "push-main", {"images": "a/b", "labels": "d1={{date 'YYYY-MM-DD'}}\nd2={{date 'Do MMM YYYY, dddd' tz='Europe/Paris'}}\nd3={{date 'X x' tz='Asia/Kolkata'}}\nd4={{date 'GGGG-[W]WW E' tz='Pacific/Auckland'}}\nd5={{date 'hh:mm A z ZZ' tz='America/New_York'}}\nd6={{commit_date 'YYYYMMDD HH:mm' tz='Asia/Shanghai'}}\nd7={{date 'LLLL'}}"})
case("raw-date-unknown-attr-error", "push-main", {"images": "a/b", "tags": "type=raw,value={{date 'YYYY' zone='UTC'}}"})
case("raw-missing-helper-error", "push-main", {"images": "a/b", "tags": "type=raw,value={{nope 'x'}}"})
case("raw-unknown-variable-empty", "push-main", {"images": "a/b", "tags": "type=raw,value=x{{nope}}y"})
case("raw-triple-stache", "push-feature", {"images": "a/b", "labels": "b1={{{branch}}}\nb2={{branch}}\nb3=<{{&branch}}>"})
case("raw-block-helpers", "push-main", {"images": "a/b", "labels": "x={{#if branch}}on-{{branch}}{{else}}off{{/if}}\ny={{#unless tag}}notag{{/unless}}"})
case("raw-unclosed-block-error", "push-main", {"images": "a/b", "tags": "type=raw,value={{#if branch}}x"})
case("sha-long-prefix", "push-main", {"images": "a/b", "tags": "type=sha,format=long\ntype=sha,prefix=c-"})
case("sha-invalid-format-error", "push-main", {"images": "a/b", "tags": "type=sha,format=medium"})
case("sha-length-env", "push-main", {"images": "a/b", "tags": "type=sha\ntype=raw,value={{sha}}"}, {"DOCKER_METADATA_SHORT_SHA_LENGTH": "12"})
case("sha-length-env-invalid-error", "push-main", {"images": "a/b", "tags": "type=sha"}, {"DOCKER_METADATA_SHORT_SHA_LENGTH": "twelve"})
case("sha-pr-head-env", "pr", {"images": "a/b", "tags": "type=sha\ntype=ref,event=pr"}, {"DOCKER_METADATA_PR_HEAD_SHA": "true"})
case("unknown-type-error", "push-main", {"images": "a/b", "tags": "type=nightly"})
case("priority-custom-order", "tag-v1.2.3", {"images": "a/b", "tags": "type=sha,priority=2000\ntype=semver,pattern={{version}}\ntype=raw,value=z,priority=abc\ntype=raw,value=y,priority=950"})
case("attribute-keys-uppercase", "push-main", {"images": "a/b", "tags": "TYPE=raw,VALUE=up,Prefix=p-"})
case("enable-expression", "push-dev", {"images": "a/b", "tags": "type=raw,value=on-default,enable={{is_default_branch}}\ntype=raw,value=off-default,enable={{is_not_default_branch}}"})
case("quoted-field-with-comma", "push-main", {"images": "a/b", "tags": "\"type=raw,\"\"value=a,b\"\"\""})
case("comment-lines", "push-main", {"images": "a/b\n# another/image", "tags": "# comment\ntype=raw,value=one # not a comment\n  type=raw,value=two"})
case("csv-unclosed-quote-error", "push-main", {"images": "a/b", "tags": "type=raw,\"value=oops"})

# --- flavor
case("flavor-prefix-suffix-onlatest", "tag-v1.2.3", {"images": "a/b", "tags": "type=semver,pattern={{version}}", "flavor": "prefix=app-,onlatest=true\nsuffix=-slim,onlatest=true"})
case("flavor-prefix-expression", "push-main", {"images": "a/b", "tags": "type=ref,event=branch", "flavor": "prefix={{sha}}-\nlatest=true"})
case("flavor-invalid-latest-error", "push-main", {"images": "a/b", "flavor": "latest=yes"})
case("flavor-invalid-onlatest-error", "push-main", {"images": "a/b", "flavor": "prefix=a-,onlatest=maybe"})
case("flavor-entry-without-equals-error", "push-main", {"images": "a/b", "flavor": "latest"})
case("flavor-rule-prefix-empty-overrides", "push-main", {"images": "a/b", "tags": "type=ref,event=branch,prefix=", "flavor": "prefix=glob-"})

# --- images
case("images-old-format-comma", "push-main", {"images": "a/b,c/d"})
case("images-enable-invalid-error", "push-main", {"images": "name=a/b,enable=yes"})
case("images-unknown-attr-error", "push-main", {"images": "name=a/b,push=true"})
case("images-empty-name-error", "push-main", {"images": "enable=true"})
case("images-none", "push-main", {"tags": "type=ref,event=branch\ntype=sha"})
case("images-blank-middle-line-error", "push-main", {"images": "a/b\n  \nc/d"})
case("tags-blank-middle-line-error", "push-main", {"images": "a/b", "tags": "type=raw,value=a\n   \ntype=raw,value=b"})
case("flavor-blank-middle-line-error", "push-main", {"images": "a/b", "flavor": "latest=true\n   \nprefix=x"})
case("labels-blank-middle-line", "push-main", {"images": "a/b", "labels": "a=b\n   \nc=d"})
case("no-ref-is-default-branch-error", "push-main", {"images": "a/b", "tags": "type=raw,value=x-{{is_default_branch}}"}, {"GITHUB_REF": None})
case("no-sha-expression-error", "push-main", {"images": "a/b", "tags": "type=raw,value={{sha}}"}, {"GITHUB_SHA": None})
case("no-repository-anywhere-error", "push-main", {"images": "a/b"}, {"GITHUB_REPOSITORY": None}, event_patch={"repository": None})
case("date-helper-argument-errors", "push-main", {"images": "a/b", "tags": "type=raw,value={{date}}"})
case("date-unknown-zone-local-time", "push-main", {"images": "a/b", "labels": "d={{date 'YYYY Z z' tz='Mars/Base'}}"})

# --- labels / annotations / outputs
case("labels-numeric-keys", "push-main", {"images": "a/b", "labels": "10=ten\n2=two\nb=bee\nno-equals-here\n=emptykey"})
case("labels-escaping-json", "push-main", {"images": "a/b", "labels": "q=say \"hi\" \\ back\\slash\ntab=a\tb\nu=ünï 版本 ✓"})
case("annotations-custom", "push-main", {"images": "a/b", "annotations": "org.opencontainers.image.vendor=OpenIM\nx={{branch}}"}, {"DOCKER_METADATA_ANNOTATIONS_LEVELS": "manifest,index,manifest-descriptor"})
case("separators-custom", "tag-v1.2.3", {"images": IMAGES3, "tags": "type=semver,pattern={{version}}", "sep-tags": ",", "sep-labels": ";", "sep-annotations": " | "})
case("bake-target-custom", "push-main", {"images": "a/b", "bake-target": "app"})
case("output-env-false", "push-main", {"images": "a/b"}, {"DOCKER_METADATA_SET_OUTPUT_ENV": "false"})
case("output-env-invalid-error", "push-main", {"images": "a/b"}, {"DOCKER_METADATA_SET_OUTPUT_ENV": "nope"})
case("repo-license-null", "push-main", {"images": "a/b"}, api={"repo": {"license": None, "description": None, "homepage": None}})
case("repo-description-multiline", "push-main", {"images": "a/b"}, api={"repo": {"description": "line one\nline two"}})
case("repo-api-500-error", "push-main", {"images": "a/b"}, api={"repo_status": 500})
case("commit-date-from-api", "push-main", {"images": "a/b", "labels": "c={{commit_date 'YYYY-MM-DDTHH:mm:ssZ'}}"}, event_patch={"commits": [], "head_commit": None}, api={"commit_date": "2023-06-01T01:02:03Z"})
case("commit-date-api-fails-now", "push-main", {"images": "a/b", "labels": "c={{commit_date 'YYYY-MM-DDTHH:mm:ss'}}"}, event_patch={"commits": [], "head_commit": None}, api={"commit_status": 404})
case("github-token-empty-error", "push-main", {"images": "a/b", "github-token": None})
case("no-event-file", "push-main", {"images": "a/b", "tags": "type=raw,value=d-{{is_default_branch}}"}, event_patch="none")
case("tz-default-dst", "schedule", {"images": "a/b", "tags": "type=schedule,pattern={{date 'YYYY-MM-DD HH:mm Z' tz='Europe/Berlin'}}"}, {"SOURCE_DATE_EPOCH": "1720000000"})

# --- git context
case("git-branch", "push-main", {"images": "a/b", "context": "git", "tags": "type=ref,event=branch\ntype=sha\ntype=raw,value={{commit_date 'YYYY-MM-DD'}}"}, git={"branch": "feature-git", "commits": 2})
case("git-tag-detached", "push-main", {"images": "a/b", "context": "git", "tags": "type=semver,pattern={{version}}\ntype=ref,event=tag"}, git={"tags": ["v4.5.6"], "checkout_tag": "v4.5.6"})
case("git-detached-no-tag", "push-main", {"images": "a/b", "context": "git"}, git={"commits": 2, "detached": True})
case("git-annotated-tag-detached", "push-main", {"images": "a/b", "context": "git", "tags": "type=semver,pattern={{major}}.{{minor}}\ntype=sha,format=long"}, git={"annotated_tags": ["v7.1.0"], "checkout_tag": "v7.1.0", "commit_date": "2023-12-31T23:59:59-08:00"})
case("git-two-tags-detached", "push-main", {"images": "a/b", "context": "git", "tags": "type=ref,event=tag"}, git={"tags": ["v1", "v1.0.0"], "checkout_tag": "v1"})
case("git-branch-with-tag", "push-main", {"images": "a/b", "context": "git", "tags": "type=ref,event=branch\ntype=ref,event=tag\ntype=raw,value={{is_default_branch}}"}, git={"tags": ["v2.0.0"], "branch": "main"})
case("git-commit-date-label", "push-main", {"images": "a/b", "context": "git", "labels": "built={{commit_date 'YYYY-MM-DDTHH:mm:ssZ' tz='Asia/Kolkata'}}"}, git={"commit_date": "2022-02-28T23:30:00+00:00"})


def build(name, event, inputs, extra_env, api, event_patch, git, description):
    env_fn, ev_fn = EVENTS[event]
    e = env_fn()
    e.update(extra_env)
    c = {"name": name, "description": description or name, "env": e, "inputs": inputs}
    if event_patch == "none":
        c["event"] = None
    else:
        ev = ev_fn()
        if event_patch:
            for k, v in event_patch.items():
                if v is None:
                    ev.pop(k, None)
                else:
                    ev[k] = v
        c["event"] = ev
    if api:
        c["api"] = api
    if git:
        c["git"] = git
    return c


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    names = set()
    for spec in CASES:
        c = build(*spec)
        fname = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in c["name"])
        assert fname not in names, fname
        names.add(fname)
        with open(os.path.join(OUT, fname + ".json"), "w", encoding="utf-8") as fh:
            json.dump(c, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    print("%d cases written to %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
