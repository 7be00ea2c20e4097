// Regenerates Tests/Fixtures/soup-cases.json: seeded random "syntax soup" patterns that stress
// error precedence and Annex B parsing; results and messages recorded from node.
// Usage: node Tests/Fixtures/gen-soup.js [count] [seed] > Tests/Fixtures/soup-cases.json
'use strict';
const count = +(process.argv[2] || 600);
let seed = +(process.argv[3] || 99);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = a => a[Math.floor(rnd() * a.length)];
const toks = ['(', ')', '[', ']', '{', '}', '\\', '^', '$', '|', '?', '*', '+', '.', '-', '&', '&&', '--', '!', '<', '>', '=', ':', 'k', 'p', 'P', 'q', 'u', 'x', 'c', 'b', 'B', '0', '1', '2', '8', ',', 'a', 'A', '{1}', '{1,2}', '(?<a>', '(?<b>', '\\k<a>', '\\p{L}', '\\q{', '(?', '(?<', '(?=', '(?<=', '\\u{', '\\u', 'd', 'D', 'w', 'F', '_', '#', '~', 'ſ', '😀', 'é', '/', ' '];
const wf = s => s === undefined || s === null ? null : s.toWellFormed();
const out = [];
while (out.length < count) {
  let p = ''; const n = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) p += pick(toks);
  const f = pick(['', '', 'u', 'v', 'i', 'iu', 'iv', 'g', 'gu', 'y', 'm', 's']);
  let input = ''; const len = Math.floor(rnd() * 6);
  for (let i = 0; i < len; i++) input += pick(['a', 'A', 'b', 'k', '<', '>', '{', '}', '1', '-', '&', 'ſ', '😀', '\n', '\\', 'p', 'L', 'q', 'u']);
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
