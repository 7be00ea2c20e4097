#!/usr/bin/env python3
"""Point the released action files at the published action image, by digest.

Usage: pin-action-image.py IMAGE@sha256:DIGEST [REPO_DIR]

On the main branch action.yml says `image: 'Dockerfile'` and metadata/action.yml
`image: '../Dockerfile'` (every job would compile Swift). A release rewrites both to
`image: 'docker://IMAGE@sha256:DIGEST'`, changing nothing else, then validates the result:
both files parse as YAML, keep `using: docker`, name that exact image, and keep their
entrypoints (the main action's post-entrypoint, the metadata action's entrypoint).
Exit 0 when both files were rewritten and valid; 1 with a message naming the problem.
"""
import os
import re
import sys

REFERENCE = re.compile(
    r"^(?P<name>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+)"
    r"@sha256:[0-9a-f]{64}$"
)
FILES = {
    "action.yml": ("Dockerfile", "post-entrypoint", "/usr/local/bin/openkf-build-post"),
    "metadata/action.yml": ("../Dockerfile", "entrypoint", "/usr/local/bin/openkf-build-metadata"),
}
IMAGE_LINE = re.compile(r"^(?P<indent>\s+)image:\s*(?P<value>'[^']*'|\"[^\"]*\"|\S+)\s*$")


class PinError(Exception):
    pass


def check_reference(reference):
    if not REFERENCE.match(reference):
        raise PinError(
            f"image reference '{reference}' is not NAME@sha256:DIGEST with a lowercase name, "
            "e.g. ghcr.io/openimsdk/openkf-build-action@sha256:<64 hex digits>; "
            "pin the digest that `docker buildx imagetools inspect` printed, never a tag"
        )


def rewrite(text, path, source, reference):
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if IMAGE_LINE.match(line)]
    if len(hits) != 1:
        raise PinError(f"{path}: expected exactly one 'image:' line, found {len(hits)}")
    match = IMAGE_LINE.match(lines[hits[0]])
    value = match.group("value").strip("'\"")
    if value != source and not value.startswith("docker://"):
        raise PinError(f"{path}: image is '{value}', expected '{source}' or a docker:// reference")
    lines[hits[0]] = f"{match.group('indent')}image: 'docker://{reference}'"
    return "\n".join(lines)


def validate(text, path, reference, entry_key, entry_value):
    try:
        import yaml
    except ImportError:
        raise PinError("PyYAML is needed to validate the result (apt-get install python3-yaml)")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PinError(f"{path}: not valid YAML after the rewrite: {error}")
    runs = document.get("runs") if isinstance(document, dict) else None
    if not isinstance(runs, dict):
        raise PinError(f"{path}: no runs: section")
    if runs.get("using") != "docker":
        raise PinError(f"{path}: runs.using is '{runs.get('using')}', expected 'docker'")
    if runs.get("image") != f"docker://{reference}":
        raise PinError(f"{path}: runs.image is '{runs.get('image')}', expected 'docker://{reference}'")
    if runs.get(entry_key) != entry_value:
        raise PinError(f"{path}: runs.{entry_key} is '{runs.get(entry_key)}', expected '{entry_value}'")
    if "args" in runs:
        raise PinError(f"{path}: runs.args is set; the runner would append it to every phase")
    for name in ("name", "description", "inputs", "outputs"):
        if name not in document:
            raise PinError(f"{path}: '{name}' is missing")


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    reference, root = argv[1], (argv[2] if len(argv) == 3 else ".")
    try:
        check_reference(reference)
        results = {}
        for path, (source, entry_key, entry_value) in FILES.items():
            full = os.path.join(root, path)
            try:
                with open(full, encoding="utf-8") as handle:
                    original = handle.read()
            except OSError as error:
                raise PinError(f"{full}: {error.strerror}")
            text = rewrite(original, path, source, reference)
            validate(text, path, reference, entry_key, entry_value)
            results[full] = text
    except PinError as error:
        print(f"pin-action-image: {error}", file=sys.stderr)
        return 1
    for full, text in results.items():  # nothing is written unless both files are valid
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"pinned {full} to docker://{reference}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
