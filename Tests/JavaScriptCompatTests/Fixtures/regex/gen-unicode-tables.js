// Regenerates Sources/JSRegex/UnicodeTables.swift from the running node (V8 + its ICU).
// Usage: node Tests/Fixtures/gen-unicode-tables.js > Sources/JSRegex/UnicodeTables.swift
// Needs Debian's unicode-data package (/usr/share/unicode) for the candidate names only;
// every set and every accepted name is decided by node's RegExp itself.
'use strict';
const fs = require('fs');
const UCD = '/usr/share/unicode/';
const lines = f => fs.readFileSync(UCD + f, 'utf8').split('\n').map(l => l.replace(/#.*/, '').trim()).filter(Boolean);

// ---- candidate names -------------------------------------------------------
const propNames = new Set();
for (const l of lines('PropertyAliases.txt')) for (const n of l.split(';')) propNames.add(n.trim());
const gcValues = [], scValues = [];
for (const l of lines('PropertyValueAliases.txt')) {
  const f = l.split(';').map(s => s.trim());
  if (f[0] === 'gc') gcValues.push(...f.slice(1));
  if (f[0] === 'sc') scValues.push(...f.slice(1));
}
// Scripts added after the Debian UCD (Unicode 16, 17): tried, kept only if node accepts them.
scValues.push('Garay', 'Gara', 'Gurung_Khema', 'Gukh', 'Kirat_Rai', 'Krai', 'Ol_Onal', 'Onao',
  'Sunuwar', 'Sunu', 'Todhri', 'Todr', 'Tulu_Tigalari', 'Tutg', 'Beria_Erfe', 'Berf', 'Chisoi',
  'Chis', 'Sidetic', 'Sidt', 'Tai_Yo', 'Tayo', 'Tolong_Siki', 'Tols');
const accepts = (body, flags) => { try { new RegExp('\\p{' + body + '}', flags); return true; } catch { return false; } };

// ---- code point sets via runs over one big string ---------------------------
let big = '', idx2cp = [];
for (let cp = 0; cp <= 0x10FFFF; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) continue;
  const s = String.fromCodePoint(cp);
  big += s; idx2cp.push(cp); if (s.length === 2) idx2cp.push(-1);
}
function rangesOf(body) {
  const re = new RegExp('\\p{' + body + '}+', 'gu');
  const rs = [];
  for (const m of big.matchAll(re)) {
    const a = idx2cp[m.index], lastIdx = m.index + m[0].length - 1;
    const b = idx2cp[lastIdx] === -1 ? idx2cp[lastIdx - 1] : idx2cp[lastIdx];
    rs.push([a, b]);
  }
  const one = new RegExp('^\\p{' + body + '}$', 'u');
  let sur = [];
  for (let c = 0xD800; c <= 0xDFFF; c++) if (one.test(String.fromCharCode(c))) sur.push(c);
  for (const c of sur) rs.push([c, c]);
  rs.sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const r of rs) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]); else merged.push([r[0], r[1]]);
  }
  return merged;
}
function encode(rs) { // delta encoding: gap from previous end+1, then length-1, base 36
  let prev = 0; const out = [];
  for (const [a, b] of rs) { out.push((a - prev).toString(36), (b - a).toString(36)); prev = b + 1; }
  return out.join(',');
}
const sets = new Map(); // key (encoded) -> {names:[], data}
function addSet(names, body) {
  const data = encode(rangesOf(body));
  if (!sets.has(data)) sets.set(data, []);
  sets.get(data).push(...names);
}
// lone names: gc values, specials, binary properties
const loneDone = new Set();
for (const v of gcValues) {
  if (loneDone.has(v) || !accepts(v, 'u')) continue;
  loneDone.add(v);
  const names = [v, 'gc=' + v, 'General_Category=' + v].filter(n => accepts(n, 'u'));
  addSet(names, v);
}
for (const v of ['Any', 'ASCII', 'Assigned', ...propNames]) {
  if (loneDone.has(v) || !accepts(v, 'u')) continue;
  loneDone.add(v); addSet([v], v);
}
for (const p of ['sc', 'Script', 'scx', 'Script_Extensions']) {
  for (const v of new Set(scValues)) {
    const body = p + '=' + v;
    if (accepts(body, 'u')) addSet([body], body);
  }
}
// ---- case-insensitive equivalence classes -----------------------------------
function caseClasses(flags, maxCp) {
  const parent = new Map();
  const find = x => { while (parent.has(x) && parent.get(x) !== x) x = parent.get(x); return x; };
  const union = (a, b) => { const ra = find(a), rb = find(b); if (ra !== rb) { parent.set(ra, rb); if (!parent.has(rb)) parent.set(rb, rb); } };
  const byFull = new Map();
  for (let cp = 0; cp <= maxCp; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const s = String.fromCodePoint(cp);
    for (const t of [s.toLowerCase(), s.toUpperCase()]) {
      if (t === s) continue;
      const cps = [...t];
      if (cps.length === 1) union(cp, cps[0].codePointAt(0));
      else { if (!byFull.has(t)) byFull.set(t, []); byFull.get(t).push(cp); }
    }
  }
  for (const group of byFull.values()) for (let i = 1; i < group.length; i++) union(group[0], group[i]);
  const comps = new Map();
  for (const x of parent.keys()) { const r = find(x); if (!comps.has(r)) comps.set(r, []); comps.get(r).push(x); }
  const classes = [];
  let asym = 0;
  for (const comp of comps.values()) {
    comp.sort((a, b) => a - b);
    const esc = c => '\\u{' + c.toString(16) + '}';
    const test = (a, b) => new RegExp('^' + (flags.includes('u') ? esc(a) : String.fromCharCode(a)) + '$', flags).test(String.fromCodePoint(b));
    const seen = new Set();
    for (const a of comp) {
      if (seen.has(a)) continue;
      const cls = comp.filter(b => test(a, b));
      for (const b of cls) { seen.add(b); if (!test(b, a)) asym++; }
      if (cls.length > 1) classes.push(cls);
    }
  }
  if (asym) process.stderr.write(`warning: ${asym} asymmetric pairs for ${flags}\n`);
  return classes.map(c => c.map(x => x.toString(36)).join(',')).join(';');
}
const nonU = caseClasses('i', 0xFFFF), uni = caseClasses('iu', 0x10FFFF);
// ---- v-mode properties of strings ------------------------------------------------
const stringProps = ['Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence', 'RGI_Emoji_Flag_Sequence',
  'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji'].filter(n => accepts(n, 'v'));
const candidates = new Set();
for (const f of ['emoji/emoji-sequences.txt', 'emoji/emoji-zwj-sequences.txt', 'emoji/emoji-test.txt']) {
  for (const l of lines(f)) {
    const field = l.split(';')[0].trim();
    if (field.includes('..')) continue;
    const cps = field.split(/\s+/).map(h => parseInt(h, 16));
    if (cps.length > 1 && cps.every(n => n >= 0 && n <= 0x10FFFF)) candidates.add(String.fromCodePoint(...cps));
  }
}
for (let a = 0x1F1E6; a <= 0x1F1FF; a++) for (let b = 0x1F1E6; b <= 0x1F1FF; b++) candidates.add(String.fromCodePoint(a, b));
for (const k of '#*0123456789') { candidates.add(k + '\uFE0F\u20E3'); candidates.add(k + '\u20E3'); }
const stringLines = [];
for (const name of stringProps) {
  const one = new RegExp('^\\p{' + name + '}$', 'v');
  const rs = [];
  for (let cp = 0; cp <= 0x10FFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (one.test(String.fromCodePoint(cp))) {
      const last = rs[rs.length - 1];
      if (last && last[1] === cp - 1) last[1] = cp; else rs.push([cp, cp]);
    }
  }
  const strs = [...candidates].filter(c => one.test(c)).sort()
    .map(c => [...c].map(x => x.codePointAt(0).toString(36)).join(' '));
  stringLines.push(name + ':' + encode(rs) + '|' + strs.join(','));
}
// ---- output ------------------------------------------------------------------
let out = '// GENERATED by Tests/Fixtures/gen-unicode-tables.js from node ' + process.version +
  ' (ICU ' + process.versions.icu + ', Unicode ' + process.versions.unicode + '). Do not edit.\n\n';
out += '/// Unicode data recorded from V8: property sets and case-insensitive equivalence classes.\n';
out += 'enum UnicodeTables {\n';
out += '    /// One line per set: `name name ...:` then base-36 (gap, length-1) pairs.\n';
out += '    static let propertySets = #"""\n';
for (const [data, names] of sets) out += names.join(' ') + ':' + data + '\n';
out += '"""#\n\n';
out += '    /// Classes of characters that match each other under the `i` flag without `u`/`v` (base 36, `;`-separated).\n';
out += '    static let caseClassesLegacy = "' + nonU + '"\n\n';
out += '    /// Classes of characters that match each other under the `i` flag with `u`/`v`.\n';
out += '    static let caseClassesUnicode = "' + uni + '"\n';
out += '\n    /// v-mode properties of strings: `name:` set data `|` strings (code points in base 36, space-separated).\n';
out += '    static let stringProperties = #"""\n' + stringLines.join('\n') + '\n"""#\n';
out += '}\n';
process.stdout.write(out);
process.stderr.write(`sets: ${sets.size}\n`);
