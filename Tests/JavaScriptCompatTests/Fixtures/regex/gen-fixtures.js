// Regenerates Tests/Fixtures/regexp-cases.json from the running node (V8).
// Usage: node Tests/Fixtures/gen-fixtures.js > Tests/Fixtures/regexp-cases.json
// Each case records what `input.match(new RegExp(pattern, flags))` gives (or the SyntaxError
// message) plus, for non-global matches, the named groups of exec() in order.
// Strings are made well-formed (lone surrogates -> U+FFFD) the way the Swift port builds them.
'use strict';
const S = [];  // [pattern, flags, [inputs...]]
const add = (p, f, ...inputs) => S.push([p, f, inputs.length ? inputs : ['']]);

// --- metadata-action style patterns -------------------------------------------------------
const tags = ['v1.2.3', '1.2.3', 'v1.2.3-rc.1', 'refs/tags/v10.20.30', 'main', 'feature/foo-bar', 'v1.2', '20240102', 'V1.2.3', 'release-2024.01.02-beta.3'];
add('v(\\d+)\\.(\\d+)\\.(\\d+)', '', ...tags);
add('^v?(\\d+\\.\\d+\\.\\d+)$', '', ...tags);
add('^v(\\d+)', '', ...tags);
add('\\d+', '', ...tags);
add('\\d+', 'g', ...tags);
add('(?<major>\\d+)\\.(?<minor>\\d+)(?:\\.(?<patch>\\d+))?', '', ...tags);
add('^(.*)-rc\\.(\\d+)$', '', ...tags);
add('v(\\d+)\\.(\\d+)', 'i', ...tags);
add('^release-(\\d{4})\\.(\\d{2})\\.(\\d{2})(?:-(\\w+)\\.(\\d+))?$', '', ...tags);
add('[a-z]+', 'g', ...tags);
add('^(?:v)?(?<version>[0-9]+(?:\\.[0-9]+)*)(?<pre>-[0-9A-Za-z.-]+)?$', '', ...tags);
add('(\\d+)(?=\\.)', 'g', ...tags);
add('(?<=v)\\d+', '', ...tags);
add('(?<!\\d)\\d', 'g', ...tags);
add('^(feature|bugfix)/(.+)$', '', ...tags);
add('v?(\\d+)(\\.\\d+)?(\\.\\d+)?', 'y', ...tags);
add('\\d+', 'gy', ...tags, '12ab34');
add('(\\d+)\\.?', 'gd', ...tags);
add('^\\/(.+)\\/(.*)$', '', '/v(\\d+)/i', '/a/b/gi', 'abc', '//', '/x/', '/^v(\\d+)$/gy', 'v(\\d+)');
add('foo', '', 'foo', 'FOO', 'xfoox');
add('', '', '', 'abc');
add('', 'g', '', 'abc');
add('', 'gu', '😀a');
add('', 'g', '😀a');
add('(?:)', 'g', 'ab');
add('a|', 'g', 'aba');
add('x*', 'g', 'axxb');
add('x*?', 'g', 'axxb');
// --- quantifiers, captures, backtracking ----------------------------------------------------
add('a{2}', '', 'a', 'aaa'); add('a{2,}', '', 'a', 'aaaaa'); add('a{2,3}', '', 'aaaaa'); add('a{2,3}?', '', 'aaaaa');
add('a{,3}', '', 'a{,3}', 'aaa'); add('a{', '', 'a{'); add('a{1', '', 'a{1'); add('a{1,', '', 'a{1,'); add('a{x}', '', 'a{x}');
add('{', '', '{'); add('}', '', '}'); add(']', '', ']'); add('x{2}{3}', '', 'xxxxxx');
add('a{0}', '', 'aaa'); add('(a){0}', '', 'aaa'); add('a{99999999999}', '', 'aaa'); add('a{1,99999999999}', '', 'aaa');
add('(a)|b', '', 'b'); add('(a)|(b)', 'g', 'ab');
add('(z)((a+)?(b+)?(c))*', '', 'zaacbbbcac');
add('(a*)*', '', 'b'); add('(a*)+', '', 'b'); add('(a|ab)(c|bcd)(d*)', '', 'abcd');
add('(?:a|b)*?c', '', 'abbc'); add('(a+)+b', '', 'aaab'); add('((a)|b)+', '', 'ab'); add('(?:(a)|b)*', '', 'ab', 'ba');
add('(?:(a)|(b))+', '', 'ab'); add('(a)?(b)?', '', 'b'); add('(.)(.)?', '', 'x');
add('^(?:(a)|b)(?:\\1)$', '', 'aa', 'bb', 'b'); add('(a)\\1', 'i', 'aA'); add('(a)\\1', '', 'aA'); add('\\1(a)', '', 'a');
add('(a\\1)', '', 'aa'); add('(?<n>a\\k<n>)', '', 'aa'); add('(?:(a)|b\\1)+', '', 'aba');
add('(a)|\\1b', '', 'b'); add('(a*)b\\1+', '', 'baaaac'); add('(?=(a+))a*b\\1', '', 'baaabac');
add('(?=(a+))', '', 'baaabac'); add('(.*?)a(?!(a+)b\\2c)\\2(.*)', '', 'baaabaac');
add('(?!(a))\\1', '', 'b'); add('(?=(a))?', '', 'a'); add('(?=(a))*', '', 'a'); add('(?=(a))+', '', 'a'); add('(?=a){2}', '', 'a');
add('(?<=(\\d+)(\\d+))$', '', '1053'); add('(?<=\\1(a))b', '', 'aab', 'ab'); add('(?<=(a)\\1)b', '', 'aab'); add('(?<=^|,)\\w+', 'g', 'a,bc,d');
add('(?<!a)b', 'g', 'ab cb b'); add('(?<=a(?=b)b)c', '', 'abc'); add('(?<=(?<!x)a)b', 'g', 'xab ab'); add('(?<=([ab])+)c', '', 'abc');
add('(?<=(a+))b', '', 'aaab'); add('(?<=(a+?))b', '', 'aaab'); add('(?<=\\b)a', '', ' a');
add('()*', '', 'x'); add('(){2}', '', 'x'); add('(^)*', '', 'x'); add('(a?)*', '', 'aa'); add('(a?)+?', '', 'aa');
add('(?:a?)*?b', '', 'aab'); add('(a|)*b', '', 'aab'); add('(?:(?=(a))a?)*', '', 'aa');
add('(a)*?b', '', 'aab'); add('(a)*', '', 'aaa'); add('(?:(a)|(b)|(c))+', '', 'abcab');
add('(a)(?:b(c)|d)*', '', 'abcbdbc'); add('((a)|(b))*', '', 'ab'); add('(?:x(y)?)+', '', 'xyx');
// --- assertions ---------------------------------------------------------------------------
add('^a', 'g', 'a\na'); add('^a', 'gm', 'a\na\r\na\u2028a'); add('a$', 'gm', 'a\na\r\na'); add('a$', 'g', 'a\na');
add('\\bfoo\\b', 'g', 'foo bar foo_ foo'); add('\\B.', 'g', 'ab cd'); add('^$', 'm', 'a\n\nb'); add('$', 'g', 'ab');
add('\\b', 'gu', 'a b'); add('\\bſ', 'iu', 'ſ'); add('\\bK', 'iu', 'K'); add('\\w', 'iu', 'ſ', 'K'); add('\\W', 'iu', 'ſ', 'K', 's');
add('[\\W]', 'iu', 'ſ', 'S'); add('[^\\W]', 'iu', 'ſ', 'S'); add('\\w', 'i', 'ſ', 'K'); add('[\\w]', 'iv', 'ſ');
// --- dot, line terminators, classes ------------------------------------------------------------
add('.', 'g', 'a\nb\rc\u2028d\u2029e'); add('.', 'gs', 'a\nb'); add('a.c', '', 'a\nc', 'abc'); add('[^]', 'g', '\n'); add('[]', '', 'a');
add('[^a]', '', 'a', 'b'); add('[a-c]+', '', 'xabcd'); add('[\\d-z]+', '', '1-z'); add('[z-\\d]+', '', 'z-1'); add('[\\w-]+', '', 'a-b');
add('[-a]', 'g', '-a'); add('[a-]', 'g', '-a'); add('[\\b]', '', '\b'); add('[\\-]', '', '-'); add('[\\d-\\w]', 'g', '-'); add('[%--]', 'g', '+,-');
add('[\\c]', '', '\\', 'c'); add('[\\c1]', '', '\u0011'); add('[\\c_]', '', '\u001f'); add('\\c1', '', '\\c1'); add('\\ca', '', '\u0001');
add('\\cA\\cz', '', '\u0001\u001a'); add('\\c', '', '\\c'); add('[\\c-a]', '', 'x');
add('\\s+', 'g', 'a \t\n\v\f\r\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u180eb'); add('\\S+', 'g', 'a b\u200bc');
add('\\d+', '', '١٢٣', '１２３', '123'); add('\\w+', '', 'héllo'); add('[\\s\\S]', 'g', 'a\n');
add('\\D', 'g', 'a1'); add('\\W+', '', 'ab!?cd');
// --- escapes (Annex B and strict) ---------------------------------------------------------------
add('\\x41\\u0042\\u{43}', '', 'AB' + 'u'.repeat(43)); add('\\u{43}', 'u', 'C'); add('\\u{1F600}', 'u', '😀'); add('\\u{1F600}', '', 'u'.repeat(1) );
add('\\x4', '', 'x4'); add('\\u12', '', 'u12'); add('\\u', '', 'u'); add('\\x', '', 'x'); add('\\a\\e\\g\\h\\j\\l\\m\\o\\q\\y\\z', '', 'aeghjlmoqyz');
add('\\8\\9', '', '89'); add('\\1', '', '\u0001'); add('\\01', '', '\u0001'); add('\\07', '', '\u0007'); add('\\08', '', '\u00008'); add('\\377', '', '\u00ff');
add('\\400', '', '\u00200'); add('\\141', '', 'a'); add('(a)\\2', '', 'a\u0002'); add('(a)\\10', '', 'a\u0008'); add('(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10', '', 'abcdefghijj');
add('\\0', '', '\u0000'); add('[\\0]', '', '\u0000'); add('[\\01]', '', '\u0001'); add('[\\8]', '', '8'); add('[\\1]', '', '\u0001');
add('\\/', '', '/'); add('\\k', '', 'k'); add('\\k<a>', '', 'k<a>'); add('\\p{L}', '', 'p{L}'); add('\\P', '', 'P'); add('[\\p]', '', 'p');
add('\\1[[](a)', '', '\u0001[a'); add('\\1(a)', '', 'a'); add('\\2(a)(?:[(])(b)', '', '(b'); add('\\2[(](a)', '', '\u0002(a');
add('\\u{1F600}', 'u', '😀'); add('\\ud83d\\ude00', 'u', '😀'); add('\\ud83d\\ude00', '', '😀'); add('\\ud83d', 'u', '😀'); add('\\ud83d', '', '😀');
add('\\u{d83d}\\u{de00}', 'u', '😀'); add('^.$', '', '😀'); add('^.$', 'u', '😀'); add('^..$', '', '😀'); add('😀+', '', '😀😀', '😀\ude00');
add('😀+', 'u', '😀😀'); add('[😀]', '', '😀'); add('[😀]', 'u', '😀'); add('[😀-😂]', 'u', '😁'); add('(?<=😀)a', 'u', '😀a'); add('(?<=.)a', 'u', '😀a');
add('(?<=(.))a', '', '😀a'); add('.', 'g', '😀'); add('.', 'gu', '😀'); add('\\S', 'g', 'a😀'); add('[^a]', 'gu', '😀'); add('(.)\\1', 'iu', '😀😀');
add('\\u{10400}', 'iu', '\u{10428}'); add('\\u{10400}', 'i', '\u{10428}');
// --- case-insensitivity -----------------------------------------------------------------------
add('ß', 'i', 'ẞ', 'SS'); add('ß', 'iu', 'ẞ'); add('ẞ', 'i', 'ß'); add('s', 'i', 'ſ'); add('s', 'iu', 'ſ'); add('k', 'i', 'K'); add('k', 'iu', 'K');
add('σ', 'i', 'Σ', 'ς'); add('ς', 'iu', 'Σ'); add('i', 'i', 'İ', 'ı'); add('i', 'iu', 'İ', 'ı'); add('ı', 'iu', 'I'); add('µ', 'i', 'μ', 'Μ'); add('µ', 'iu', 'Μ');
add('[a-z]+', 'i', 'ABC'); add('[A-Z]+', 'iu', 'ſK'); add('[^a-z]', 'i', 'A'); add('[k]', 'i', 'K'); add('[k]', 'iu', 'K'); add('[\\u212a]', 'i', 'k');
add('Ꭰ', 'i', 'ꭰ'); add('Ꭰ', 'iu', 'ꭰ'); add('ǅ', 'i', 'ǆ', 'Ǆ'); add('ǅ', 'iu', 'ǆ'); add('ΐ', 'iu', 'ΐ'); add('ﬅ', 'iu', 'ﬆ'); add('\\u0390', 'i', '\u1fd3');
add('[\\u00e0-\\u00ff]+', 'i', 'ÀÉÎÕÜ'); add('Ω', 'i', 'Ω'); add('Å', 'iu', 'å'); add('[^\\P{Ll}]', 'iu', 'A'); add('\\P{Ll}', 'iu', 'A'); add('\\p{Lu}', 'iu', 'a');
add('\\p{Lu}', 'iv', 'a'); add('[^\\P{Ll}]', 'iv', 'A'); add('\\P{Ll}', 'iv', 'A'); add('[^a]', 'iv', 'A'); add('[^a]', 'iu', 'A'); add('(?:a|b)\\1', 'i', 'aA');
add('(a)(?:\\1)', 'iu', 'aA'); add('(?<=(a))\\1', 'i', 'aA');
// --- unicode property escapes ------------------------------------------------------------------
add('\\p{L}+', 'u', 'héllo wörld'); add('\\p{Lu}', 'gu', 'aBcD'); add('\\p{Letter}+', 'u', 'abc1'); add('\\p{gc=Nd}+', 'u', 'x١٢٣'); add('\\p{General_Category=Decimal_Number}', 'u', '٣');
add('\\P{L}+', 'u', 'ab12'); add('\\p{Script=Greek}+', 'u', 'abγδε'); add('\\p{sc=Grek}', 'u', 'γ'); add('\\p{scx=Hira}', 'u', 'ー'); add('\\p{sc=Hira}', 'u', 'ー');
add('\\p{Script_Extensions=Latin}', 'u', 'a'); add('\\p{ASCII}+', 'u', 'abé'); add('\\p{Any}', 'u', '😀'); add('\\P{Any}', 'u', 'a'); add('\\p{Assigned}', 'u', '\u0378a');
add('\\p{Alphabetic}+', 'u', 'ab1'); add('\\p{Alpha}', 'u', 'a'); add('\\p{White_Space}', 'u', '\u0085'); add('\\p{Emoji}', 'u', '😀'); add('\\p{Emoji_Presentation}', 'u', '😀');
add('\\p{Uppercase}', 'u', 'aA'); add('\\p{Lowercase}', 'u', 'Aa'); add('\\p{ID_Start}', 'u', '1a'); add('\\p{XIDC}', 'u', '-1'); add('[\\p{L}\\p{N}]+', 'u', '-ab12-');
add('[^\\p{L}]', 'u', 'ab1'); add('\\p{Lu}', 'iu', 'a'); add('\\p{L}', 'v', 'a'); add('[\\p{Nd}--[0-9]]', 'v', '5٥'); add('\\p{RGI_Emoji}', 'v', '👍🏽x', 'x');
add('\\p{Extended_Pictographic}', 'u', '©'); add('\\p{Regional_Indicator}{2}', 'u', '🇯🇵'); add('\\p{Cased_Letter}', 'u', 'a'); add('\\p{LC}', 'u', 'a');
add('\\p{digit}', 'u', '1'); add('\\p{punct}', 'u', '!'); add('\\p{Combining_Mark}', 'u', '\u0301');
// --- named groups -------------------------------------------------------------------------------
add('(?<year>\\d{4})-(?<month>\\d{2})', '', '2024-01'); add('(?<a>x)|(?<b>y)', '', 'y'); add('(?<$x_1>.)', '', 'q'); add('(?<π>.)', '', 'q');
add('(?<\\u03c0>.)', '', 'q'); add('(?<\\u{03c0}>.)', '', 'q'); add('(?<a\\u{10000}>.)', '', 'q'); add('(?<𝑥>.)', '', 'q'); add('(?<𝑥>.)', 'u', 'q');
add('(?<a>.)\\k<a>', '', 'xx', 'xy'); add('\\k<a>(?<a>.)', '', 'x'); add('(?<a>.)(?<b>.)\\k<b>\\k<a>', '', 'abba'); add('(?<a>a)\\k<a>', 'i', 'aA');
add('(?<=(?<a>\\w){3})f', 'u', 'abcdef'); add('(?<=(?<a>\\w)+)f', '', 'abcdef'); add('(?<A>a)(?<B>b)?', 'd', 'a');
// --- v flag --------------------------------------------------------------------------------------
add('[\\q{abc|d}]', 'v', 'abcd'); add('[\\q{abc|d}]', 'gv', 'abcd'); add('[\\q{}]', 'v', ''); add('[\\q{a|}]', 'v', 'x'); add('[^\\q{a}]', 'v', 'b');
add('[\\w--\\d]', 'gv', 'a1b'); add('[[a-z]--[aeiou]]', 'gv', 'abe'); add('[^[^a]]', 'v', 'a'); add('[\\q{ab|c}--\\q{ab}]', 'gv', 'abc'); add('[\\q{ab}&&\\q{ab|c}]', 'gv', 'abc');
add('[\\q{AB}]', 'iv', 'ab'); add('[a&b]', 'v', '&'); add('[\\-]', 'v', '-'); add('[\\&\\!\\#]', 'gv', '&!#'); add('[^]', 'v', 'a'); add('[]', 'v', 'a');
add('[a[b]]', 'gv', 'ab'); add('[\\d&&[0-4]]', 'gv', '0459'); add('[a-c&&b]', 'v', 'b'); add('[\\p{L}--\\p{Lu}]+', 'v', 'abC'); add('[.]', 'v', '.');
add('[\\p{ASCII}--\\p{L}--\\p{N}]+', 'v', 'ab!?1'); add('[\\q{ab|abc}]', 'v', 'abc'); add('[\\q{ab|abc}a]', 'gv', 'abcab'); add('[^^a]', 'v', '^');
// --- flags -----------------------------------------------------------------------------------------
for (const f of ['', 'g', 'i', 'm', 's', 'u', 'v', 'y', 'd', 'gimsuyd', 'dgimsvy', 'x', 'gg', 'uv', 'G', 'ii', 'gu ', ' ', 'a', 'yy', 'ygmi'])
  add('a', f, 'Aa');
// --- errors ----------------------------------------------------------------------------------------
const errs = [
  ['v(\\d+', ''], ['*', ''], ['a)', ''], ['a**', ''], ['+a', ''], ['?', ''], ['a|*', ''], ['(*)', ''], ['^*', ''], ['$+', ''], ['\\b*', ''], ['\\B{2}', ''],
  ['a{2,1}', ''], ['a{2,1}', 'u'], ['{1}', ''], ['{1,2}', 'u'], ['x{1}{1,}', ''], ['(', ''], ['((a)', ''], ['(?', ''], ['(?a)', ''], ['(?i:a)', ''], ['(?<', ''],
  ['(?<a', ''], ['(?<a>', ''], ['(?<1>a)', ''], ['(?<a-b>a)', ''], ['(?<>a)', ''], ['(?<a\\>.)', ''], ['(?<\\u0041>.)(?<A>.)', ''], ['(?<\\u{41}>.)', ''],
  ['(?<\\u{110000}>.)', ''], ['(?<\\x41>.)', ''], ['(?<a>)(?<a>)', ''], ['(?<a>)|(?<a>)', ''], ['(?<a>)(?<a>', ''], ['(?<a>.)\\k<b>', ''],
  ['\\k<a>', 'u'], ['\\k', 'u'], ['(?<a>)\\k', ''], ['(?<a>)\\k<', ''], ['(?<a>)\\k<a', ''], ['[\\k<a>](?<a>x)', ''], ['[\\k](?<a>x)', ''], ['\\k<1>(?<a>.)', ''],
  ['[', ''], ['[a', ''], ['[a-', ''], ['[\\', ''], ['\\', ''], ['a\\', 'u'], ['[b-a]', ''], ['[\\x62-\\x61]', ''], ['[\\d-z]', 'u'], ['[a-\\w]', 'u'],
  ['\\p{Foo}', 'u'], ['\\p{L', 'u'], ['\\p{', 'u'], ['\\p', 'u'], ['\\pL', 'u'], ['\\p{}', 'u'], ['\\p{gc=}', 'u'], ['\\p{=L}', 'u'], ['\\p{Script=Foo}', 'u'],
  ['\\p{Block=Basic_Latin}', 'u'], ['\\p{l}', 'u'], ['\\p{ letter}', 'u'], ['\\p{Lowercase_Letter=Ll}', 'u'], ['\\p{scx=}', 'u'], ['[\\p{Foo}]', 'u'], ['[\\P{Foo}]', 'v'],
  ['\\p{RGI_Emoji}', 'u'], ['\\P{RGI_Emoji}', 'v'], ['[^\\p{RGI_Emoji}]', 'v'], ['\\p{Ideographic=Y}', 'u'], ['\\p{ASCII_Hex_Digit=Y}', 'u'], ['\\p{InBasicLatin}', 'u'],
  ['\\c', 'u'], ['\\c0', 'u'], ['[\\c0]', 'u'], ['\\1', 'u'], ['\\00', 'u'], ['\\01', 'u'], ['[\\01]', 'u'], ['[\\1]', 'u'], ['[\\8]', 'u'], ['\\8', 'u'],
  ['\\u{110000}', 'u'], ['\\u{}', 'u'], ['\\u12', 'u'], ['\\u{12', 'u'], ['\\x1', 'u'], ['\\x', 'u'], ['\\a', 'u'], ['\\-', 'u'], ['\\z', 'u'], ['\\_', 'u'],
  ['{', 'u'], ['}', 'u'], [']', 'u'], ['a{', 'u'], ['a{1', 'u'], ['a{1,', 'u'], ['a{,1}', 'u'], ['a{1,2', 'u'], ['(?=a)*', 'u'], ['(?=a)+', 'v'], ['(?!a){2}', 'u'],
  ['(?<=a)*', ''], ['(?<!a)?', ''], ['(?<=a)?', 'u'], ['x(?<=a){1}', ''],
  ['[a&&&b]', 'v'], ['[(]', 'v'], ['[)]', 'v'], ['[{]', 'v'], ['[}]', 'v'], ['[/]', 'v'], ['[|]', 'v'], ['[a-z&&[aeiou]]', 'v'], ['[a&&b--c]', 'v'], ['[a--b&&c]', 'v'],
  ['[a&&]', 'v'], ['[&&a]', 'v'], ['[a---b]', 'v'], ['[a-]', 'v'], ['[-a]', 'v'], ['[a!!b]', 'v'], ['[a--]', 'v'], ['[\\d-z]', 'v'], ['[a-\\d]', 'v'], ['[z-a]', 'v'],
  ['[a', 'v'], ['[a&&b', 'v'], ['[a--b', 'v'], ['[##]', 'v'], ['[a##]', 'v'], ['[$$]', 'v'], ['[..]', 'v'], ['[a^^]', 'v'], ['[^^^a]', 'v'], ['[\\y]', 'v'], ['\\-', 'v'],
  ['[\\q{a', 'v'], ['[\\q{a}', 'v'], ['[\\q{(}]', 'v'], ['[\\q{\\d}]', 'v'], ['[\\q{a-b}]', 'v'], ['[\\q{&&}]', 'v'], ['[\\qa]', 'v'], ['\\q{a}', 'v'], ['[^\\q{ab}]', 'v'],
  ['[^\\q{}]', 'v'], ['[^[\\q{ab}]]', 'v'], ['[^\\q{ab}&&a]', 'v'], ['[^\\q{ab}--a]', 'v'], ['[\\q{\\', 'v'], ['[a-b-c]', 'v'], ['[\\w-a]', 'v'], ['[[a]-b]', 'v'],
  ['(a)(b)(c)\\4', 'u'], ['a{1}?+', ''], ['a??+', ''], ['(?:)?*', ''], ['a|?', ''], ['(|*)', ''],
  ['(?<a>.)(?<b>.)(?<a>.)', ''], ['(?<a>(?<a>.))', ''], ['(?<a>.)\\k<a', 'u'], ['\\k<a', ''], ['(?<a>.)[\\k]', ''], ['(?<a>.)\\k<a>(', ''],
  ['[\\u{110000}]', 'u'], ['[\\c]', 'u'], ['[\\z]', 'u'], ['[\\-]', ''], ['/', ''], ['a/b', 'g'], ['\n(', ''], ['(?<a>.)\\k<a>', 'x'], ['(', 'x'],
];
for (const [p, f] of errs) add(p, f, 'a');
add('('.repeat(500) + ')'.repeat(500), '', 'a'); add('(?:'.repeat(999) + 'a' + ')'.repeat(999), '', 'a');

// --- run ----------------------------------------------------------------------------------------
const wf = s => s === undefined || s === null ? null : s.toWellFormed();
const out = [];
for (const [p, f, inputs] of S) {
  for (const input of inputs) {
    if (!input.isWellFormed() || !p.isWellFormed()) continue;  // Swift strings cannot hold lone surrogates
    const c = { pattern: p, flags: f, input };
    let re;
    try { re = new RegExp(p, f); } catch (e) { c.error = e.message; out.push(c); continue; }
    const m = input.match(re);
    c.result = m === null ? null : Array.from(m, wf);
    if (!re.global) {
      const e = re.exec(input);
      if (e && e.groups) c.groups = Object.entries(e.groups).map(([k, v]) => [k, wf(v)]);
    }
    out.push(c);
  }
}
process.stdout.write('[' + out.map(c => JSON.stringify(c)).join(',\n') + ']\n');
process.stderr.write(`${out.length} cases, ${out.filter(c => c.error).length} errors\n`);
