#!/usr/bin/env python3
"""Rewrites README.md's inputs and outputs tables from action.yml (needs PyYAML: the
virtual environment of scripts/ensure-ci-tools.sh has it). Tests/Release/action-files.test.sh
checks that every input and output has its row."""
import pathlib
import sys
import yaml

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
action = yaml.safe_load((root / "action.yml").read_text())
readme = (root / "README.md").read_text()


def cell(text):
    return str(text).replace("|", "\\|")


def replace(text, header, rows):
    start = text.index(header)
    end = text.index("\n\n", start)
    return text[:start] + "\n".join(rows) + text[end:]


inputs = ["| input | what it does | default |", "| --- | --- | --- |"]
for name, spec in action["inputs"].items():
    default = spec.get("default", "")
    inputs.append("| `%s` | %s | %s |" % (name, cell(spec["description"]), "`%s`" % cell(default) if default else ""))
outputs = ["| output | what it holds |", "| --- | --- |"]
outputs += ["| `%s` | %s |" % (name, cell(spec["description"])) for name, spec in action["outputs"].items()]
readme = replace(readme, inputs[0], inputs)
readme = replace(readme, outputs[0], outputs)
(root / "README.md").write_text(readme)
print("README.md: %d inputs, %d outputs" % (len(inputs) - 2, len(outputs) - 2))
