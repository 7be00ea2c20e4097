#!/usr/bin/env node
// Regenerates Fixtures/{semver,pep440,csv}.json from the REAL bundled libraries of
// docker/metadata-action v6.2.0 (/work/oracle/metadata-action/dist/index.cjs): the bundle is
// copied to a temp dir with its entry point replaced by an export of the bundled semver,
// @renovate/pep440, csv-parse `parse` and actions-toolkit `Util` objects.
// Usage: node generate-fixtures.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const BUNDLE = '/work/oracle/metadata-action/dist/index.cjs';
const OUT = __dirname;

function loadBundle() {
  const src = fs.readFileSync(BUNDLE, 'utf8');
  const entry = 'eae(async()=>{let t=Rbe';
  if (src.split(entry).length !== 2) throw new Error('bundle entry point not found');
  const patched = src.replace(entry, 'module.exports={semver:xd,pep440:an,parse:F1,Util:c0};(async()=>{return;let t=Rbe');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bundle-'));
  const file = path.join(dir, 'bundle.cjs');
  fs.writeFileSync(file, patched);
  const saved = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true; // the bundle prints ::save-state on load
  try { return require(file); } finally { process.stdout.write = saved; }
}

const m = loadBundle();
const num = v => (v === null || v === undefined ? null : String(v)); // JS rendering of a Number
const ident = v => (typeof v === 'number' ? {n: v} : {s: v});

function semverFixture(input) {
  const dump = p => p && {raw: p.raw, loose: p.loose, major: p.major, minor: p.minor, patch: p.patch,
    prerelease: p.prerelease.map(ident), build: p.build, version: p.version};
  const pre = m.semver.prerelease(input);
  return {input, valid: m.semver.valid(input), prerelease: pre ? pre.map(ident) : null,
    strict: dump(m.semver.parse(input, {loose: false})), loose: dump(m.semver.parse(input, {loose: true}))};
}

function pep440Fixture(input) {
  const e = m.pep440.explain(input);
  const tryNum = f => { try { return num(f(input)); } catch (err) { return 'THROWS ' + err.message; } };
  return {input, valid: m.pep440.valid(input), clean: m.pep440.clean(input),
    major: tryNum(m.pep440.major), minor: tryNum(m.pep440.minor), patch: tryNum(m.pep440.patch),
    explain: e && {epoch: num(e.epoch), release: e.release.map(num),
      pre: e.pre && {label: e.pre[0], number: num(e.pre[1])}, post: num(e.post), dev: num(e.dev),
      local: e.local, public: e.public, base_version: e.base_version,
      is_prerelease: e.is_prerelease, is_devrelease: e.is_devrelease, is_postrelease: e.is_postrelease}};
}

function csvFixture(input) {
  const run = f => { try { return {ok: f()}; } catch (err) { return {error: err.message, name: err.constructor.name}; } };
  const list = run(() => m.Util.getList(input, {ignoreComma: true, comment: '#', commentNoInfix: true}));
  const first = run(() => { const r = m.parse(input, {relaxColumnCount: true, skipEmptyLines: true})[0]; return r === undefined ? null : r; });
  return {input, list, first};
}

const R = (n, c) => c.repeat(n);
const semverProbes = [
  '1.2.3', 'v1.2.3', 'V1.2.3', '=1.2.3', 'v=1.2.3', '=v1.2.3', ' 1.2.3 ', '\t1.2.3\n', 'vv1.2.3', ' v1.2.3',
  '1.2', '1', '1.2.3.4', '01.2.3', '1.02.3', '1.2.03', '0.0.0', '00.0.0', '1.2.3-01', '1.2.3-0', '1.2.3-0a',
  '1.2.3-beta.067', '1.2.3-beta.67', '1.2.3-beta', '1.2.3beta', '1.2.3-beta.1', '1.2.3-alpha-1', '1.2.3--',
  '1.2.3-', '1.2.3-.a', '1.2.3-a.', '1.2.3-a..b', '1.2.3+', '1.2.3+build', '1.2.3+build.1', '1.2.3+001',
  '1.2.3+b..c', '1.2.3-rc.1+build.5', '1.2.3-rc.1+build.5.x-y', '1.2.3+build-1+x', '1.2.345.x', '1.2.34',
  '1.2.3a', '1.2.3.a', '1.2.3-a_b', '1.2.3-ä', '1.2.3 ', '\u00a01.2.3\ufeff', '\u20281.2.3', '1.2.3\u200b',
  '9007199254740991.0.0', '9007199254740992.0.0', '0.9007199254740991.0', '0.0.9007199254740992',
  '99999999999999999999.0.0', '1.2.3-9007199254740991', '1.2.3-9007199254740990', '1.2.3-9007199254740992',
  '1.2.3-00000000000000000000001', '1.2.3-0000000000000000000000', '1.2.3-18446744073709551616',
  '1.2.3-x.7.z.92', '1.2.3-1.2.3', '1.0.0-alpha.beta', '1.0.0-0.3.7', '1.0.0-x-y-z.--', '1.0.0+21AF26D3----117B344092BD',
  '2.0.0-rc.1/foo', 'v2.0.0-rc.1-foo', 'release-1.2.3', 'v1.2.3-', '1.2.3-+b', '1.2.3-beta+', '', ' ', 'v', '-1.2.3',
  '1.-2.3', '1.2.3-beta.1.', '1.2.3--beta', 'v1.2.3-Beta.X', '1.2.3-\u0661', '\uff11.2.3', 'v 1.2.3', '= 1.2.3',
  '1.2.3 -beta', '1.2.3-beta 1', 'v1.2.3-rc1', '1.2.3-rc1', '10.20.30', '1.1.2-prerelease+meta', '1.1.2+meta-valid',
  '1.0.0-alpha+beta', '1.2.3----RC-SNAPSHOT.12.9.1--.12+788', '1.2.3----R-S.12.9.1--.12+meta', '1.0.0+0.build.1-rc.10000aaa-kk-0.1',
  '99999999999999999999999.999999999999999999.99999999999999999', '1.2.3-0123', '1.2.3-0123.0123', '1.1.2+.123', '+invalid',
  '-invalid', '-invalid+invalid', 'alpha', 'alpha.beta', '1.0.0-alpha..', '01.1.1', '1.01.1', '1.1.01', '1.2.3.DEV',
  '1.2-SNAPSHOT', '1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788', '9.8.7+meta+meta', '9.8.7-whatever+meta+meta',
  '1.2.3-' + R(250, 'a'), '1.2.3-' + R(251, 'a'), '1.2.3' + R(251, 'a'), '1.2.3' + R(252, 'a'), '1.2.3+' + R(250, 'b'),
  '1.2.3+' + R(251, 'b'), R(252, ' ') + '1.2.3', R(251, ' ') + '1.2.3', '1.2.3-' + R(200, '1'), '1.2.3-a.' + R(248, '0'),
  '1.2.3-é', 'v1.2.3-😀', '1.2.3+😀',
];
const pep440Probes = [
  '1.0', '1.0.0', '1', 'v1.0', 'V1.0', 'vv1.0', ' 1.0', '1.0 ', '\t1.0\n', '1.0.0-rc1', '1.0.0-RC1', '1.0rc1', '1.0.rc.1',
  '1.0c1', '1.0C', '1.0pre', '1.0preview2', '1.0-preview-2', '1.0_pre_2', '1.0alpha', '1.0Alpha3', '1.0beta.4', '1.0b',
  '1.0a', '1.0.a', '1.0.0.post1.dev2', '1.0.post', '1.0.POST', '1.0-post-3', '1.0rev', '1.0r5', '1.0-r-5', '1.0-1',
  '1.0-1.dev', '1.0.dev', '1.0dev', '1.0.dev0', '1.0-dev-5', '1.0a1.post2.dev3', '1.0rc1-1', '1.0a1-1dev', '2!1.0',
  '0!1.0', '00!1.0', '10!1.0.0rc1', '1!', '!1.0', '1.0+local.7', '1.0+LOCAL.7', '1.0+local-7_x', '1.0+abc', '1.0+007',
  '1.0+1e5', '1.0+1E5', '1.0+0x1F', '1.0+0X1f', '1.0+0b101', '1.0+0o17', '1.0+0x', '1.0+Infinity', '1.0+INFINITY',
  '1.0+infinity', '1.0+1e400', '1.0+e5', '1.0+1e', '1.0+5e-3', '1.0+', '1.0+.a', '1.0+a.', '1.0+a..b', '1.0+ä',
  '1.0.0+local.7', '2!1.0rc1.post3.dev4+ubuntu.1', '01.02.003', '1.0.0.0.0.0.1', '0.0', '00', '1.99999999999999999999',
  '1.100000000000000000000', '1.1000000000000000000000', '1.9007199254740993', '1.' + R(400, '9'), '1.2.3.4',
  '1.0.0rc1.dev', '1.0-rc1', '1.0_rc_1', '1.0--1', '1.0-', '1.0.', '.1.0', '1..0', 'a1.0', '1.0a1b2', '1.0.post1.post2',
  '1.0.dev1.dev2', '1.0.dev1a1', 'v2!1.0', '2!v1.0', '1.0 rc1', '1.0rc 1', '', ' ', 'v', 'latest', 'release-1.0',
  '1.0-rc.1/foo', '1.2.3-beta.1', '1.2.3-alpha-1', '1.2.3.post', '1.2.3.post0', '1.2.3.dev0', '1.2.3rc0', '1.2.3r',
  '1.2.3-r', '1.2.3c', '1.2.3pr', '1.2.3prev', '1.2.3pre1view', '1.2.3preview', '1.2.3-preview', '\u00a01.0\ufeff',
  '\u20281.0', '1.0\u200b', '1.0+a_b-c.d', '1.0+A_B', '1.0+1.2.3', '1.0+01.002', '1.0+9007199254740993', '1.0+1e21',
  '1.0+10000000000000000000000', '1.0+0b' + R(70, '1'), '1.0+0x' + R(20, 'f'), '1!2!3', '1.0.0a0', '1.0.0b0', '1.0.0.dev',
  '1.0.0-dev', '1.0.0_dev', '1.0.0--dev', '1.0.0.-dev', '2024.01.15', '2024.1.15.3', 'v1', 'V1.2.3RC4',
];
const csvProbes = [
  'a', 'a,b', 'a,b,c', '"a,b"', '"a,b",c', '"a""b"', '"a""b",c', 'a"b', 'a"b"', 'ab"c"d', '"ab"c', '"ab" c', '"ab"#c',
  '"ab', '"a\nb', '"a\nb"', '"a\r\nb"', '"a\rb"', '"a\r\nb\r\n', '"a\n\n', 'x\n"ab', 'x\r\n"ab', 'x\ny\n"a\nb\nc',
  'a\nb', 'a\r\nb', 'a\rb', 'a\n\nb', 'a\r\n\r\nb', 'a\r\r\nb', 'a\nb\r\nc', 'a\r\nb\nc', 'a\rb\nc', 'a\r\nb\rc',
  '\na', '\n\na\n\n', '\r\n', '\n', '\r', '  ', 'a\n  \nb', 'a\n\t\nb', ',', ',,', 'a,', ',a', 'a,,b', ' , ',
  '"",""', '""', '"" ', ' ""', '""a', '"""', '""""', '"""a"""', '"a"""', '"a""', '"a" "b"', '"a","b"\n"c"',
  '#comment', '# comment\na', 'a\n#comment\nb', 'a\n  # indented\nb', 'a # not\nb', 'a,#b', 'a,b#c', '"a"#b',
  '""#b', '"#a"', '#"a', '#a,"b', '#a\r\nb\nc', '# x\n# y', '#', '##', 'a#', '\ufeffa', '\ufeff"a"', '\ufeff#x\na',
  '\ufeff', 'a\ufeff', '"a"\ufeff', '"a"é', '"a"\u00e9x', '"a"\t', '"a" ,b', 'é"x', '"é"', 'a\u00a0', '\u00a0a\u00a0',
  'type=raw,value=foo', 'type=raw,value="a,b"', 'type=semver,pattern={{version}}', '"type=raw,value=x"', 'key="quoted value"',
  'org.label=a "b" c', 'org.label="a, b"', 'name=foo,enable=true', 'a\0b', '"a"\0', '"a\0"', 'a,"b\nc",d\ne',
  'a,"b\r\nc",d\r\ne', '"a"\nb"c', 'a\n"b"c', 'a\n"b', '"x"\r', '"x"\r\n', '"x"\n', 'x\r\ny\r', 'first\n\n\n\nlast',
  'k=v1\nk=v2,v3\n"k=v4,v5"', '  a  ,  b  ', 'a , "b"', 'a,"b" ', ' "a"', 'a\n"b""c"\nd', '"\n"', '"\r\n"', '","',
  'a,b\n"c"d', 'a\nb,"c"d', '"a\nb"c', 'x\n\n"a\n\nb"c', 'é\n"ü"x',
];

// Seeded random probes over each grammar's interesting alphabet (deterministic).
let seed = 20250115;
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const randomString = (alphabet, maxLen) => {
  let out = '';
  const len = rnd(maxLen + 1);
  for (let i = 0; i < len; i++) out += alphabet[rnd(alphabet.length)];
  return out;
};
const SEMVER_ALPHABET = ['0', '1', '2', '9', '.', '.', '.', '-', '+', 'v', '=', ' ', 'a', 'B', 'rc', '00', '1.2.3', '1.2.3'];
const PEP_ALPHABET = ['0', '1', '2', '.', '.', '-', '_', '+', '!', 'v', 'a', 'b', 'c', 'rc', 'pre', 'post', 'r', 'dev', 'x', 'E', '1.0', ' '];
const CSV_ALPHABET = ['a', 'b', ',', ',', '"', '"', '"', '\n', '\r', '\r\n', '#', ' ', '\t', 'é', '\ufeff', '=', '\u00a0'];
for (let i = 0; i < 300; i++) semverProbes.push(randomString(SEMVER_ALPHABET, 8));
for (let i = 0; i < 300; i++) pep440Probes.push(randomString(PEP_ALPHABET, 8));
for (let i = 0; i < 400; i++) csvProbes.push(randomString(CSV_ALPHABET, 10));

fs.mkdirSync(OUT, {recursive: true});
const write = (name, rows) => fs.writeFileSync(path.join(OUT, name), JSON.stringify(rows, null, 1) + '\n');
write('semver.json', semverProbes.map(semverFixture));
write('pep440.json', pep440Probes.map(pep440Fixture));
write('csv.json', csvProbes.map(csvFixture));
console.error(`semver ${semverProbes.length}, pep440 ${pep440Probes.length}, csv ${csvProbes.length}`);
