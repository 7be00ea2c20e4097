// Regenerates Tests/Fixtures/random-cases.json: seeded random patterns/inputs, results from node.
// Usage: node Tests/Fixtures/gen-random.js [count] [seed] > Tests/Fixtures/random-cases.json
'use strict';
const count = +(process.argv[2] || 600);
let seed = +(process.argv[3] || 12345);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = a => a[Math.floor(rnd() * a.length)];
const lits = ['a', 'b', 'A', 'B', '0', '1', '-', '_', ' ', 'é', 'É', 'ſ', 'K', 'k', 's', 'S', 'ß', '😀', '.', ',',
  'σ', 'Σ', 'ς', 'ǅ', 'ǆ', 'ẞ', 'Ω', 'ω', 'Ꭰ', 'ꭰ', 'İ', 'ı', 'i', 'I', '𐐀', '𐐨', 'µ', 'Μ', 'ﬅ', 'ﬆ', 'ΐ', 'ΐ'];
const escs = ['\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\.', '\\-', '\\u0061', '\\x41', '\\n', '\\u{1F600}', '\\p{L}', '\\P{Lu}', '\\p{Ll}', '\\cA', '\\0', '\\/',
  '\\p{sc=Greek}', '\\P{Ll}', '\\p{Lt}', '\\p{Cased}', '\\p{CWCF}', '\\u{10400}', '\\u212A', '\\u017F'];
function cls() {
  let s = pick(['[', '[', '[^']);
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.4) s += pick(lits.filter(x => x !== '.'));
    else if (r < 0.6) s += pick(['a-z', 'A-Z', '0-9', 'a-f', 'à-ÿ', 'α-ω', 'Α-Ω', 'ǆ-ǌ', '😀-😂', '\\u{10400}-\\u{1044f}']);
    else if (r < 0.65 && s.length > 1) s += pick(['&&', '--']) + pick(['[a-z]', '\\p{Lu}', '[^a]', '\\q{ab|c}', 'k', '[\\q{}]']);
    else s += pick(escs);
  }
  return s + ']';
}
function atom(depth, ngroups) {
  const r = rnd();
  if (r < 0.35) return pick(lits);
  if (r < 0.5) return pick(escs);
  if (r < 0.6) return cls();
  if (r < 0.65) return pick(['^', '$', '\\b', '\\B']);
  if (r < 0.7) return ngroups.n > 0 ? '\\' + (1 + Math.floor(rnd() * ngroups.n)) : '.';
  if (r < 0.73) return ngroups.named.length ? '\\k<' + pick(ngroups.named) + '>' : '.';
  if (depth > 2) return '.';
  const kind = pick(['(', '(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<n']);
  let open = kind;
  if (kind === '(?<n') { const name = 'g' + ngroups.named.length; ngroups.named.push(name); open = '(?<' + name + '>'; }
  if (open === '(' || kind === '(?<n') ngroups.n++;
  return open + disj(depth + 1, ngroups) + ')';
}
function quant(a) {
  if (/^[\^$]$|^\\[bB]$|^\(\?<?[=!]/.test(a)) return a;
  const r = rnd();
  if (r < 0.6) return a;
  return a + pick(['*', '+', '?', '{2}', '{1,3}', '{0,}', '{2,}']) + (rnd() < 0.3 ? '?' : '');
}
function alt(depth, g) { let s = ''; const n = Math.floor(rnd() * 4); for (let i = 0; i < n; i++) s += quant(atom(depth, g)); return s; }
function disj(depth, g) { let s = alt(depth, g); while (rnd() < 0.2) s += '|' + alt(depth, g); return s; }
const wf = s => s === undefined || s === null ? null : s.toWellFormed();
const out = [];
while (out.length < count) {
  const g = { n: 0, named: [] };
  const p = disj(0, g);
  let f = '';
  for (const fl of ['g', 'i', 'm', 's', 'y']) if (rnd() < 0.2) f += fl;
  const mode = rnd(); if (mode < 0.3) f += 'u'; else if (mode < 0.4) f += 'v';
  let input = ''; const len = Math.floor(rnd() * 10);
  for (let i = 0; i < len; i++) input += pick([...lits, '\n', 'a', 'b', 'c']);
  const c = { pattern: p, flags: f, input };
  try {
    const re = new RegExp(p, f);
    const m = input.match(re);
    c.result = m === null ? null : Array.from(m, wf);
    if (!re.global) { const e = re.exec(input); if (e && e.groups) c.groups = Object.entries(e.groups).map(([k, v]) => [k, wf(v)]); }
  } catch (e) { c.error = e.message; }
  out.push(c);
}
process.stdout.write('[' + out.map(c => JSON.stringify(c)).join(',\n') + ']\n');
process.stderr.write(`${out.length} cases, ${out.filter(c => c.error).length} errors\n`);
