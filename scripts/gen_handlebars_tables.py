#!/usr/bin/env python3
"""LALR(1) table generator for the Handlebars 4.7 grammar (own implementation).

Writes the file named by its argument: Sources/JavaScriptCompat/Handlebars/ParserTables.swift. Symbol numbering follows the
order in which Jison numbers symbols, so that "Expecting ..." lists come out in
Jison's order (ascending symbol id)."""
import sys

# (lhs, [rhs...], action-name). EBNF already expanded the way Jison's ebnf transform does.
def rep(name, item):      # item*
    return [(name, [], 'emptyList'), (name, [name, item], 'append')]
def rep_plus(name, item): # item+
    return [(name, [item], 'single'), (name, [name, item], 'append')]
def opt(name, item):      # item?
    return [(name, [], 'none'), (name, [item], 'pass')]

G = []
def rule(lhs, alts):
    for rhs, act in alts:
        G.append((lhs, rhs, act))

rule('root', [(['program', 'EOF'], 'root')])
rule('program', [(['program_repetition0'], 'program')])
rule('statement', [(['mustache'], 'pass'), (['block'], 'pass'), (['rawBlock'], 'pass'),
                   (['partial'], 'pass'), (['partialBlock'], 'pass'), (['content'], 'pass'),
                   (['COMMENT'], 'comment')])
rule('content', [(['CONTENT'], 'content')])
rule('rawBlock', [(['openRawBlock', 'rawBlock_repetition0', 'END_RAW_BLOCK'], 'rawBlock')])
rule('openRawBlock', [(['OPEN_RAW_BLOCK', 'helperName', 'openRawBlock_repetition0', 'openRawBlock_option0', 'CLOSE_RAW_BLOCK'], 'openRaw')])
rule('block', [(['openBlock', 'program', 'block_option0', 'closeBlock'], 'block'),
               (['openInverse', 'program', 'block_option1', 'closeBlock'], 'inverseBlock')])
rule('openBlock', [(['OPEN_BLOCK', 'helperName', 'openBlock_repetition0', 'openBlock_option0', 'openBlock_option1', 'CLOSE'], 'openBlock')])
rule('openInverse', [(['OPEN_INVERSE', 'helperName', 'openInverse_repetition0', 'openInverse_option0', 'openInverse_option1', 'CLOSE'], 'openBlock')])
rule('openInverseChain', [(['OPEN_INVERSE_CHAIN', 'helperName', 'openInverseChain_repetition0', 'openInverseChain_option0', 'openInverseChain_option1', 'CLOSE'], 'openBlock')])
rule('inverseAndProgram', [(['INVERSE', 'program'], 'inverseAndProgram')])
rule('inverseChain', [(['openInverseChain', 'program', 'inverseChain_option0'], 'inverseChain'),
                      (['inverseAndProgram'], 'pass')])
rule('closeBlock', [(['OPEN_ENDBLOCK', 'helperName', 'CLOSE'], 'closeBlock')])
rule('mustache', [(['OPEN', 'helperName', 'mustache_repetition0', 'mustache_option0', 'CLOSE'], 'mustache'),
                  (['OPEN_UNESCAPED', 'helperName', 'mustache_repetition1', 'mustache_option1', 'CLOSE_UNESCAPED'], 'mustache')])
rule('partial', [(['OPEN_PARTIAL', 'partialName', 'partial_repetition0', 'partial_option0', 'CLOSE'], 'partial')])
rule('partialBlock', [(['openPartialBlock', 'program', 'closeBlock'], 'partialBlock')])
rule('openPartialBlock', [(['OPEN_PARTIAL_BLOCK', 'partialName', 'openPartialBlock_repetition0', 'openPartialBlock_option0', 'CLOSE'], 'openPartialBlock')])
rule('param', [(['helperName'], 'pass'), (['sexpr'], 'pass')])
rule('sexpr', [(['OPEN_SEXPR', 'helperName', 'sexpr_repetition0', 'sexpr_option0', 'CLOSE_SEXPR'], 'sexpr')])
rule('hash', [(['hash_repetition_plus0'], 'hash')])
rule('hashSegment', [(['ID', 'EQUALS', 'param'], 'hashPair')])
rule('blockParams', [(['OPEN_BLOCK_PARAMS', 'blockParams_repetition_plus0', 'CLOSE_BLOCK_PARAMS'], 'blockParams')])
rule('helperName', [(['path'], 'pass'), (['dataName'], 'pass'), (['STRING'], 'string'),
                    (['NUMBER'], 'number'), (['BOOLEAN'], 'boolean'), (['UNDEFINED'], 'undefined'),
                    (['NULL'], 'null')])
rule('partialName', [(['helperName'], 'pass'), (['sexpr'], 'pass')])
rule('dataName', [(['DATA', 'pathSegments'], 'dataPath')])
rule('path', [(['pathSegments'], 'path')])
rule('pathSegments', [(['pathSegments', 'SEP', 'ID'], 'segmentAppend'), (['ID'], 'segmentFirst')])

# EBNF-generated nonterminals
ebnf = {}
def add(lst):
    for l, r, a in lst:
        G.append((l, r, a))
add(rep('program_repetition0', 'statement'))
add(rep('rawBlock_repetition0', 'content'))
add(rep('openRawBlock_repetition0', 'param'))
add(opt('openRawBlock_option0', 'hash'))
add(opt('block_option0', 'inverseChain'))
add(opt('block_option1', 'inverseAndProgram'))
for n in ['openBlock', 'openInverse', 'openInverseChain']:
    add(rep(n + '_repetition0', 'param'))
    add(opt(n + '_option0', 'hash'))
    add(opt(n + '_option1', 'blockParams'))
add(opt('inverseChain_option0', 'inverseChain'))
add(rep('mustache_repetition0', 'param'))
add(opt('mustache_option0', 'hash'))
add(rep('mustache_repetition1', 'param'))
add(opt('mustache_option1', 'hash'))
add(rep('partial_repetition0', 'param'))
add(opt('partial_option0', 'hash'))
add(rep('openPartialBlock_repetition0', 'param'))
add(opt('openPartialBlock_option0', 'hash'))
add(rep('sexpr_repetition0', 'param'))
add(opt('sexpr_option0', 'hash'))
add(rep_plus('hash_repetition_plus0', 'hashSegment'))
add(rep_plus('blockParams_repetition_plus0', 'ID'))

# Jison symbol ids (order of first appearance in the Jison-expanded grammar); checked against Jison output.
JISON_ORDER = """root program EOF program_repetition0 statement mustache block rawBlock partial partialBlock content
COMMENT CONTENT openRawBlock rawBlock_repetition0 END_RAW_BLOCK OPEN_RAW_BLOCK helperName openRawBlock_repetition0
openRawBlock_option0 CLOSE_RAW_BLOCK openBlock block_option0 closeBlock openInverse block_option1 OPEN_BLOCK
openBlock_repetition0 openBlock_option0 openBlock_option1 CLOSE OPEN_INVERSE openInverse_repetition0
openInverse_option0 openInverse_option1 openInverseChain OPEN_INVERSE_CHAIN openInverseChain_repetition0
openInverseChain_option0 openInverseChain_option1 inverseAndProgram INVERSE inverseChain inverseChain_option0
OPEN_ENDBLOCK OPEN mustache_repetition0 mustache_option0 OPEN_UNESCAPED mustache_repetition1 mustache_option1
CLOSE_UNESCAPED OPEN_PARTIAL partialName partial_repetition0 partial_option0 openPartialBlock OPEN_PARTIAL_BLOCK
openPartialBlock_repetition0 openPartialBlock_option0 param sexpr OPEN_SEXPR sexpr_repetition0 sexpr_option0
CLOSE_SEXPR hash hash_repetition_plus0 hashSegment ID EQUALS blockParams OPEN_BLOCK_PARAMS
blockParams_repetition_plus0 CLOSE_BLOCK_PARAMS path dataName STRING NUMBER BOOLEAN UNDEFINED NULL DATA
pathSegments SEP""".split()
SYM = {'$accept': 0, '$end': 1, 'error': 2}
for i, s in enumerate(JISON_ORDER):
    SYM[s] = i + 3
NONTERMS = {l for l, _, _ in G}
TERMS = [s for s in JISON_ORDER if s not in NONTERMS]
for l, r, _ in G:
    for s in r:
        assert s in SYM, s

PRODS = [('$accept', ['root', '$end'], 'accept')] + G

# ---------- LR(0) items ----------
by_lhs = {}
for i, (l, r, a) in enumerate(PRODS):
    by_lhs.setdefault(l, []).append(i)

# FIRST sets / nullable
nullable = set()
first = {s: set() for s in NONTERMS}
changed = True
while changed:
    changed = False
    for l, r, _ in G:
        if all(s in nullable for s in r) and l not in nullable:
            nullable.add(l); changed = True
        for s in r:
            f = first[s] if s in NONTERMS else {s}
            if not f <= first[l]:
                first[l] |= f; changed = True
            if s not in nullable:
                break

def first_seq(seq):
    out = set()
    for s in seq:
        if s in NONTERMS:
            out |= first[s]
            if s not in nullable:
                return out, False
        else:
            out.add(s)
            return out, False
    return out, True

def closure0(items):
    res = set(items); todo = list(items)
    while todo:
        p, d = todo.pop()
        r = PRODS[p][1]
        if d < len(r) and r[d] in NONTERMS:
            for q in by_lhs[r[d]]:
                if (q, 0) not in res:
                    res.add((q, 0)); todo.append((q, 0))
    return frozenset(res)

def goto0(items, X):
    moved = [(p, d + 1) for p, d in items if d < len(PRODS[p][1]) and PRODS[p][1][d] == X]
    return closure0(moved) if moved else None

def kernel(items):
    return frozenset((p, d) for p, d in items if d > 0 or p == 0)

states = [closure0([(0, 0)])]
index = {kernel(states[0]): 0}
trans = {}
i = 0
while i < len(states):
    st = states[i]
    syms = []
    for p, d in sorted(st):
        r = PRODS[p][1]
        if d < len(r) and r[d] not in syms:
            syms.append(r[d])
    for X in syms:
        g = goto0(st, X)
        k = kernel(g)
        if k not in index:
            index[k] = len(states); states.append(g)
        trans[(i, X)] = index[k]
    i += 1

# ---------- LALR(1) lookaheads by propagation (Dragon book 4.7.5) ----------
def closure1(items):  # items: set of (p, d, la)
    res = set(items); todo = list(items)
    while todo:
        p, d, a = todo.pop()
        r = PRODS[p][1]
        if d < len(r) and r[d] in NONTERMS:
            f, nul = first_seq(r[d + 1:])
            las = set(f)
            if nul:
                las.add(a)
            for q in by_lhs[r[d]]:
                for b in las:
                    if (q, 0, b) not in res:
                        res.add((q, 0, b)); todo.append((q, 0, b))
    return res

kernels = [sorted(kernel(s)) for s in states]
LA = {(s, it): set() for s in range(len(states)) for it in kernels[s]}
LA[(0, (0, 0))].add('$end')
prop = {}
for s in range(len(states)):
    for it in kernels[s]:
        for p, d, a in closure1({(it[0], it[1], '#')}):
            r = PRODS[p][1]
            if d < len(r):
                t = trans[(s, r[d])]
                tgt = (t, (p, d + 1))
                if a == '#':
                    prop.setdefault((s, it), []).append(tgt)
                else:
                    LA[tgt].add(a)
changed = True
while changed:
    changed = False
    for src, tgts in prop.items():
        for t in tgts:
            if not LA[src] <= LA[t]:
                LA[t] |= LA[src]; changed = True

# ---------- table ----------
table = []
conflicts = 0
for s in range(len(states)):
    row = {}
    for (st, X), t in trans.items():
        if st == s:
            row[SYM[X]] = ('s' if X not in NONTERMS else 'g', t)
    full = closure1({(p, d, a) for (p, d) in kernels[s] for a in LA[(s, (p, d))]})
    for p, d, a in full:
        if d == len(PRODS[p][1]):
            act = ('acc', 0) if p == 0 else ('r', p)
            k = SYM[a]
            if k in row and row[k] != act:
                conflicts += 1
                print('conflict state', s, a, row[k], act, file=sys.stderr)
            row[k] = act
    table.append(row)
print('states', len(states), 'conflicts', conflicts, file=sys.stderr)

# ---------- emit Swift ----------
NT = sorted(NONTERMS, key=lambda n: SYM[n])
lines = []
w = lines.append
w('// Generated by Tools/gen_tables.py from the Handlebars 4.7 grammar. Do not edit.')
w('')
w('/// LALR(1) tables for the Handlebars grammar (symbol ids follow Jison\'s numbering).')
w('enum ParserTables {')
w('    /// Terminal names by symbol id.')
w('    static let terminalNames: [Int: String] = [')
for t in TERMS:
    w(f'        {SYM[t]}: "{t}",')
w('    ]')
w('    /// Symbol ids of terminals by name.')
w('    static let terminalIds: [String: Int] = [')
for t in TERMS:
    w(f'        "{t}": {SYM[t]},')
w('    ]')
w('    /// Productions: (lhs symbol id, rhs length, semantic action).')
w('    static let productions: [(lhs: Int, length: Int, action: ReduceAction)] = [')
for l, r, a in PRODS:
    w(f'        ({SYM.get(l, 0)}, {len(r)}, .{a}),')
w('    ]')
w('    /// Per state: flattened (symbol, action) pairs; action > 0 shift/goto state, < 0 reduce production -action, 0 accept.')
w('    static let rows: [[Int]] = [')
for s, row in enumerate(table):
    flat = []
    for k in sorted(row):
        kind, v = row[k]
        code = v if kind in ('s', 'g') else (-v if kind == 'r' else 0)
        flat += [k, code]
    w('        [' + ', '.join(map(str, flat)) + '],')
w('    ]')
w('}')
acts = sorted({a for _, _, a in PRODS})
w('')
w('/// Semantic actions of the grammar productions.')
w('enum ReduceAction: Sendable {')
w('    case ' + ', '.join(acts))
w('}')
open(sys.argv[1], 'w').write('\n'.join(lines) + '\n')
