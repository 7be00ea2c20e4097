"""Run batches of moment date probes through the real metadata-action oracle."""
import json, subprocess, tempfile, os, copy, html
BASE = "/work/shared/conformance/metadata/cases/annotations-levels-descriptors.json"

def run(epoch, commit_ts, labels, tags=None):
    """labels: list of (key, template). Returns (dict key->raw value, errors, warnings, stderr)."""
    case = json.load(open(BASE))
    case["name"] = "moment-probe"
    case["env"].pop("DOCKER_METADATA_ANNOTATIONS_LEVELS", None)
    case["env"]["SOURCE_DATE_EPOCH"] = str(epoch)
    sha = case["env"]["GITHUB_SHA"]
    case["event"]["commits"][0]["timestamp"] = commit_ts
    case["event"]["head_commit"]["timestamp"] = commit_ts
    case["inputs"] = {"images": "x/y", "labels": "\n".join("%s=%s" % kv for kv in labels)}
    if tags is not None:
        case["inputs"]["tags"] = tags
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(case, fh)
        path = fh.name
    try:
        out = subprocess.run([os.environ.get("METADATA_ORACLE", "/work/oracle/ma-case"), path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    res = json.loads(out.stdout)
    vals = {}
    for line in res.get("labels", []):
        k, _, v = line.partition("=")
        vals[k] = v
    return vals, res.get("errors", []), res.get("warnings", []), res.get("_info", {}).get("stderr_tail", "")

def unescape(s):
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#x27;", "'"), ("&#x60;", "`"), ("&#x3D;", "=")):
        s = s.replace(a, b)
    return s.replace("&amp;", "&")
