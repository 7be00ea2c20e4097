#!/usr/bin/env python3
"""Records the EXTRA label probes into a second fixture file (same format as gen_fixtures.py)."""
import json, sys
from gen_fixtures import probe_labels
from probes import EXTRA
out = probe_labels(EXTRA)
json.dump(out, open(sys.argv[1], 'w'), indent=1, ensure_ascii=False)
print(len(out), 'fixtures;', sum(1 for o in out if 'err' in o), 'errors')
