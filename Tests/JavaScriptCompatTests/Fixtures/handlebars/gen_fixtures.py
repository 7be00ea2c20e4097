#!/usr/bin/env python3
"""Runs Handlebars probes through the real metadata-action (oracle) and records fixtures.

Usage: gen_fixtures.py OUT.json   (needs /work/oracle/ma-case)
Label probes render with metadata-action's function context; semver probes with a SemVer object."""
import json, subprocess, sys, tempfile, os, copy

BASE = '/work/shared/conformance/metadata/cases/edge-default-branch.json'
EPOCH = '1700000000'

def run_case(inputs):
    c = json.load(open(BASE))
    c['env']['SOURCE_DATE_EPOCH'] = EPOCH
    c['inputs'] = dict({'images': 'x/y'}, **inputs)
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
        json.dump(c, f)
        name = f.name
    try:
        out = subprocess.run(['/work/oracle/ma-case', name], capture_output=True, text=True, timeout=60).stdout
    finally:
        os.unlink(name)
    try:
        return json.loads(out)
    except ValueError:
        return {'failed': True, 'error': None, 'oracle_broken': True}

def label_batch(tpls):
    lines = ['p%03d=%s' % (i, t) for i, t in enumerate(tpls)]
    r = run_case({'labels': '\n'.join(lines)})
    if r.get('failed'):
        return None, r.get('error')
    got = {}
    for l in r['labels']:
        k, _, v = l.partition('=')
        got[k] = v
    return [got.get('p%03d' % i) for i in range(len(tpls))], None

def probe_labels(tpls):
    res = []
    for start in range(0, len(tpls), 25):
        chunk = tpls[start:start + 25]
        outs, err = label_batch(chunk)
        if outs is not None:
            res += [{'ctx': 'ma', 'src': 'p%03d=%s' % (i, t), 'out': None if o is None else 'p%03d=%s' % (i, o)}
                    for i, (t, o) in enumerate(zip(chunk, outs))]
            continue
        for t in chunk:
            o, e = label_batch([t])
            if o is not None:
                res.append({'ctx': 'ma', 'src': 'p000=' + t, 'out': None if o[0] is None else 'p000=' + o[0]})
            else:
                res.append({'ctx': 'ma', 'src': 'p000=' + t, 'err': e})
    return res

def probe_semver(tpls, value):
    res = []
    for t in tpls:
        r = run_case({'tags': 'type=semver,pattern=%s,value=%s' % (t, value)})
        if r.get('failed'):
            res.append({'ctx': 'semver', 'value': value, 'tpl': t, 'err': r.get('error')})
        else:
            res.append({'ctx': 'semver', 'value': value, 'tpl': t, 'tagNames': r.get('tag-names', [])})
    return res

if __name__ == '__main__':
    from probes import LABELS, SEMVER, RAWCHECK
    out = probe_labels(LABELS)
    out += probe_semver(SEMVER, '1.2.3+build.5')
    out += probe_semver(RAWCHECK, 'v1.2.3-beta.4')
    json.dump(out, open(sys.argv[1], 'w'), indent=1, ensure_ascii=False)
    print(len(out), 'fixtures;', sum(1 for o in out if 'err' in o), 'errors')
