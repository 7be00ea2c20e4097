#!/usr/bin/env bash
# The action files against the code and the workflows against actionlint:
#   - action.yml declares exactly the inputs the main step reads, metadata/action.yml exactly
#     docker/metadata-action's inputs, each with a description; neither has runs.args; the
#     entrypoint links are the ones the binary recognises;
#   - README.md's tables list every input and output of action.yml;
#   - every actions/checkout in examples/ sets persist-credentials: false (with the default
#     the job token sits in .git/config, and a Dockerfile's `COPY . .` without a .dockerignore
#     bakes it into the image); in .github/workflows too, except in a job where a later step
#     runs `git push` (the release job moving its tags);
#   - actionlint (with shellcheck for run: scripts) reports nothing on .github/workflows and
#     examples/*.yml (it also checks every `with:` of uses: ./ against action.yml).
# (The outputs are checked against a real run in Tests/ActionImage/run-as-runner.test.sh.)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS=$(bash "$ROOT/scripts/ensure-ci-tools.sh")
"$TOOLS/python3" - "$ROOT" <<'PY'
import pathlib, re, sys, yaml
root = pathlib.Path(sys.argv[1])
failures = []
sources = "\n".join(p.read_text() for p in (root / "Sources").rglob("*.swift"))
read = set(re.findall(r'\b(?:value|optional|flag|lines|list|variableName)\("([a-z0-9-]+)"', sources))
read |= {name.lower() for name in re.findall(r'"INPUT_([A-Z0-9-]+)"', sources)}
read |= set(re.findall(r'contextInput: "([a-z-]+)"', sources))
metadata_inputs = {"context", "images", "tags", "flavor", "labels", "annotations", "sep-tags", "sep-labels",
                   "sep-annotations", "bake-target", "github-token"}

def load(path):
    document = yaml.safe_load((root / path).read_text())
    for name, spec in (document.get("inputs") or {}).items():
        if not (spec or {}).get("description"):
            failures.append(f"{path}: input {name} has no description")
        if not re.fullmatch(r"[a-z0-9-]+", name):
            failures.append(f"{path}: input {name}: keep names to [a-z0-9-] (act rewrites other characters)")
    for name, spec in (document.get("outputs") or {}).items():
        if not (spec or {}).get("description"):
            failures.append(f"{path}: output {name} has no description")
    runs = document["runs"]
    if runs.get("using") != "docker":
        failures.append(f"{path}: runs.using is {runs.get('using')!r}")
    if "args" in runs:
        failures.append(f"{path}: runs.args would be appended to every phase")
    return document

main = load("action.yml")
declared = set(main["inputs"])
if declared - read:
    failures.append(f"action.yml declares inputs the code never reads: {sorted(declared - read)}")
if read - declared - {"context"}:
    failures.append(f"the code reads inputs action.yml does not declare: {sorted(read - declared)}")
if main["runs"].get("post-entrypoint") != "/usr/local/bin/openkf-build-post" or "entrypoint" in main["runs"]:
    failures.append("action.yml: post-entrypoint must be /usr/local/bin/openkf-build-post, with no entrypoint")
metadata = load("metadata/action.yml")
if set(metadata["inputs"]) != metadata_inputs:
    failures.append(f"metadata/action.yml inputs differ from docker/metadata-action's: {sorted(set(metadata['inputs']) ^ metadata_inputs)}")
if metadata["runs"].get("entrypoint") != "/usr/local/bin/openkf-build-metadata":
    failures.append("metadata/action.yml: entrypoint must be /usr/local/bin/openkf-build-metadata")
for link in ("openkf-build-post", "openkf-build-metadata"):
    if f'"{link}"' not in sources:
        failures.append(f"the binary does not recognise the link name {link}")
    if f"ln -s openkf-build /usr/local/bin/{link}" not in (root / "Dockerfile").read_text():
        failures.append(f"the Dockerfile does not make the link {link}")
readme = (root / "README.md").read_text()
for kind in ("inputs", "outputs"):
    for name in main[kind]:
        if f"| `{name}` |" not in readme:
            failures.append(f"README.md has no table row for the {kind[:-1]} `{name}`")
def checkouts(path):
    """(job, step index, persist-credentials value or None, whether a later step runs git push)."""
    document = yaml.safe_load(path.read_text()) or {}
    for job_name, job in (document.get("jobs") or {}).items():
        steps = (job or {}).get("steps") or []
        for index, step in enumerate(steps):
            if str((step or {}).get("uses", "")).startswith("actions/checkout@"):
                persist = ((step.get("with") or {}).get("persist-credentials"))
                pushes = any("git push" in str((later or {}).get("run", "")) for later in steps[index + 1:])
                yield job_name, index, persist, pushes

for path in sorted((root / "examples").glob("*.yml")) + sorted((root / ".github/workflows").glob("*.yml")):
    example = path.parent.name == "examples"
    for job_name, index, persist, pushes in checkouts(path):
        where = f"{path.relative_to(root)}: job {job_name}, step {index + 1}"
        if persist in (False, "false"):
            continue
        if example or not pushes:
            failures.append(f"{where}: actions/checkout without persist-credentials: false (the job token stays in .git/config, where COPY . . puts it into the image)")
        elif persist not in (True, "true"):
            failures.append(f"{where}: a later step runs git push: say persist-credentials: true, and why, instead of relying on the default")
for failure in failures:
    print("FAIL:", failure, file=sys.stderr)
print(f"action files: {len(declared)} main inputs, {len(metadata['inputs'])} metadata inputs, {len(failures)} problems")
sys.exit(1 if failures else 0)
PY
"$TOOLS/actionlint" -shellcheck "$TOOLS/shellcheck" "$ROOT"/.github/workflows/*.yml "$ROOT"/examples/*.yml
echo "actionlint: no findings in $(ls "$ROOT"/.github/workflows/*.yml "$ROOT"/examples/*.yml | wc -l) workflow files"
"$TOOLS/shellcheck" -x -S warning "$ROOT"/scripts/*.sh "$ROOT"/scripts/lib/*.sh "$ROOT"/scripts/env/*.sh "$ROOT"/bench/*.sh "$ROOT"/Tests/*/*.sh
echo "shellcheck: no warnings in the scripts"
