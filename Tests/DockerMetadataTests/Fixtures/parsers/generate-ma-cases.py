#!/usr/bin/env python3
"""Records end-to-end probes through the REAL docker/metadata-action v6.2.0 (/work/oracle/ma-case)
into Fixtures/ma-cases.json: tag rules of type semver/pep440 (tags output + warnings), labels
input splitting (labels output) and csv errors surfaced as the run error.
Usage: python3 generate-ma-cases.py"""
import json, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = '/work/shared/conformance/metadata/cases/context-invalid-error.json'
MA_CASE = '/work/oracle/ma-case'

SEMVER_VALUES = ['1.2.3', 'v1.2.3', '=1.2.3', '1.2', '01.2.3', '1.2.3-01', '1.2.3-beta.067', '1.2.3-beta.67',
    '1.2.3-rc.1+build.5', '1.2.3+build.7', 'v2.0.0-rc.1/foo', '1.2.3beta', '9007199254740991.0.0',
    '9007199254740992.0.0', '1.2.3-9007199254740991', '1.2.3-x.7.z.92', '1.0.0-alpha-1', '10.20.30',
    '1.2.3.4', 'release-1.2.3', 'V1.2.3', '0.0.0', '1.2.3-0', '1.2.3--', '1.2.3-a..b', '1.2.3+b..c',
    '1.2.345.x', '1.1.2+meta-valid', '1.0.0+0.build.1-rc.10000aaa-kk-0.1']
SEMVER_PATTERNS = ['{{version}}', '{{major}}.{{minor}}.{{patch}}', '{{raw}}', '{{major}}']
PEP440_VALUES = ['1.0', '1.0.0', 'v1.0', 'V1.0', '1.0.0-rc1', '1.0rc1', '1.0.0.post1.dev2', '2!1.0', '1.0+local.7',
    '1.0.0rc1+loc.7', '01.02.003', '1.99999999999999999999', '1.2.3.4', '1.0.post', '1.0-1', '1.0.dev',
    '1.0a', '1.0preview2', '1.0+1e5', '1.0+0x1F', '1.0+Infinity', 'latest', '1.0-', '1!2!3', '2024.01.15',
    '1.0+ABC.Def', '1.0c1', '1.0r5', '0!1.0+7']
PEP440_PATTERNS = ['{{version}}', '{{major}}.{{minor}}.{{patch}}', '{{raw}}', '{{major}}']
LABEL_INPUTS = ['k01=a,b\nk02="c,d"\n"k03=e,f"\nk04=g "h" i\n  # comment\nk05=x#y',
    'k01=1\r\nk02=2\r\n\r\nk03=3\nk04=4',
    'k01=1\n#k02=2\n  k03=3  \nk04="a""b"\nk05=,,\n,,\nk06="q"z',
    '"k01=a\nb"\nk02=\u00e9\nk03=\ufeffx',
    'k01=a\n"k02=b',
    'k01="a"b"\nk02=c',
    'k01=1\n"k02=2\r\nk03=3"']
TAG_CSV_INPUTS = ['type=raw,value=a"b', 'type=raw,value="a"b', 'type=raw,value="a,b"', '"type=raw,value=q"',
    'type=raw,value=ok\ntype=raw,"value=x"y', 'type=raw,value="unclosed']

def base_case():
    with open(BASE) as f:
        case = json.load(f)
    case['name'] = 'parsers-probe'
    return case

def run(inputs):
    case = base_case()
    case['inputs'] = inputs
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
        json.dump(case, f)
        path = f.name
    try:
        out = json.loads(subprocess.run([MA_CASE, path], capture_output=True, text=True, check=True).stdout)
    finally:
        os.unlink(path)
    return {k: out.get(k) for k in ('tags', 'labels', 'warnings', 'error')}

def rule_cases(kind, values, patterns):
    cases = []
    for pattern in patterns:
        rules = [{'type': kind, 'value': v, 'pattern': pattern, 'prefix': 'p%02d-' % i} for i, v in enumerate(values)]
        tags = '\n'.join('type=%s,pattern=%s,value=%s,prefix=%s' % (kind, r['pattern'], r['value'], r['prefix']) for r in rules)
        cases.append({'kind': 'rules', 'rules': rules, 'oracle': run({'tags': tags, 'flavor': 'latest=false'})})
    return cases

cases = rule_cases('semver', SEMVER_VALUES, SEMVER_PATTERNS) + rule_cases('pep440', PEP440_VALUES, PEP440_PATTERNS)
cases += [{'kind': 'labels', 'input': s, 'oracle': run({'labels': s})} for s in LABEL_INPUTS]
cases += [{'kind': 'tags', 'input': s, 'oracle': run({'tags': s})} for s in TAG_CSV_INPUTS]
with open(os.path.join(HERE, 'ma-cases.json'), 'w') as f:
    json.dump(cases, f, indent=1, ensure_ascii=False)
    f.write('\n')
print(len(cases), 'cases,', sum(len(c.get('rules', [])) or 1 for c in cases), 'probes')
