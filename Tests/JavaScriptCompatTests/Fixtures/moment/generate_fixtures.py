#!/usr/bin/env python3
"""Record moment(date).tz(zone).format(format) results from the REAL metadata-action
v6.2.0 (the oracle, /work/oracle/ma-case).

The full recording (about 16,000 probes, 2 MB) is written to FULL (default
$TMPDIR/moment-oracle-full.json; not committed); a deterministic subset of it (every token
family, every DST/week edge instant, ~60 zones; under 300 KB) is written to
Tests/JavaScriptCompatTests/Fixtures/moment/moment-oracle.json.  Run the tests on the full set with
MOMENT_ORACLE_FIXTURE=FULL swift test.

Usage: generate_fixtures.py [--full FULL]          record everything (~4 minutes), then cut
       generate_fixtures.py --subset-from FULL      only re-cut the committed subset
       generate_fixtures.py --helpers-only FULL     re-record the helper cases of FULL
       generate_fixtures.py --merge-all-zones FULL  add the every-zone groups to FULL

Each oracle run renders many label lines `kNNNN={{commit_date 'FORMAT' tz='ZONE'}}` for one
instant (the commit timestamp of the event payload, millisecond precision) or
`{{date ...}}` (the frozen clock, SOURCE_DATE_EPOCH seconds).  Handlebars HTML escaping is
undone before recording.  Helper edge cases (errors, odd argument types) are recorded
one per run, since an error aborts the action.
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_batch import run, unescape

import tempfile
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "moment-oracle.json")
FULL = os.path.join(tempfile.gettempdir(), "moment-oracle-full.json")

def civil_from_days(z):
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (1 if m <= 2 else 0), m, d)

def days_from_civil(y, m, d):
    y -= 1 if m <= 2 else 0
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468

def ms_of(y, mo, d, h=0, mi=0, s=0, ms=0):
    return ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms

def iso(ms):
    days, rem = divmod(ms, 86400000)
    y, m, d = civil_from_days(days)
    h, rem = divmod(rem, 3600000)
    mi, rem = divmod(rem, 60000)
    s, milli = divmod(rem, 1000)
    ys = "%04d" % y if 0 <= y <= 9999 else ("+%06d" % y if y > 0 else "-%06d" % -y)
    return "%s-%02d-%02dT%02d:%02d:%02d.%03dZ" % (ys, m, d, h, mi, s, milli)

ZONES = [
    "UTC", "Etc/UTC", "GMT", "Etc/GMT+5", "Etc/GMT-14", "Asia/Shanghai", "Asia/Tokyo", "Asia/Kolkata",
    "Asia/Calcutta", "Asia/Kathmandu", "Australia/Adelaide", "Australia/Sydney", "Australia/Lord_Howe",
    "Australia/Eucla", "America/St_Johns", "America/New_York", "America/Los_Angeles", "US/Pacific",
    "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Caracas", "America/Nuuk", "Europe/Paris",
    "Europe/London", "Europe/Dublin", "Europe/Moscow", "Europe/Kyiv", "Europe/Lisbon", "Africa/Casablanca",
    "Africa/Abidjan", "Asia/Tehran", "Asia/Dubai", "Asia/Singapore", "Pacific/Apia", "Pacific/Kiritimati",
    "Pacific/Chatham", "Pacific/Honolulu", "America/Anchorage", "Pacific/Pago_Pago", "Antarctica/Troll",
    "America/Phoenix", "Asia/Jerusalem", "Asia/Yangon", "America/Scoresbysund", "EST5EDT", "CET",
    "asia/tokyo", "ASIA/SHANGHAI", "Asia_Tokyo", "Zulu", "UCT", "Universal", "Greenwich", "GMT0", "Etc/GMT-0",
    "America/Vancouver", "America/Mexico_City", "Asia/Manila", "Europe/Berlin", "Mars/Base", "Z",
]
UNKNOWN_ONLY = ["localtime", "Factory", "posix/Asia/Tokyo", "asia/tokyo/", "toString", "EST", "MST", "HST"]

WIDE_FORMATS = [
    "YYYY-MM-DDTHH:mm:ss.SSSZ z zz ZZ X x",
    "M Mo MM MMM MMMM Q Qo D Do DD DDD DDDo DDDD d do dd ddd dddd e E",
    "w wo ww W Wo WW gg gggg ggggg GG GGGG GGGGG YY YYYY YYYYY YYYYYY Y",
    "y yo yy yyy yyyy N NN NNN NNNN NNNNN",
    "A a H HH h hh k kk m mm s ss S SS SSS SSSS SSSSS SSSSSS SSSSSSS SSSSSSSS SSSSSSSSS hmm hmmss Hmm Hmmss",
    "LT|LTS|L|LL|LLL|LLLL|l|ll|lll|llll",
    "",
]

TRICKY_FORMATS = [
    "[Today is] dddd", "[W]WW [Q]Q", "\\Y\\Y\\Y\\Y YYYY", "YYY", "ggg GGG", "w| W| wW", "DDo MMo",
    "[a[b]c]", "[unclosed", "]x[", "[]", "a\\b", "\\\\YYYY", "T", "YYYYMMDD-HHmmss", "GGGG-[W]WW-E",
    "YY.M.D-H.m.s", "x X", "SSSSSSSSSS", "NNNNNN", "yyyyy", "hmmsss", "HmmSS", "MMMMM", "DDDDD",
    "ddddd", "Qoo", "LLLLL", "LTSS", "lllll", "[LT] \\LT LT", "\\[LT]", "\\L\\T", "L[L]L",
    "B C F G I J K O P R U V b c f i j n o p q r t u v", "ééé 日本 😀 YYYY", "ZZZ zzz", "kkk HHH hhh mmm sss",
    "X.x", "&<>\"`=", "Do [of] MMMM, YYYY", "YYYY-MM-DD'T'HH", "dddd [the] Do", "gggg-[w]ww",
    "N y yo", "[[x]]", "[x]]", "\\", "w[o]", "Wo|wo", "E e d", "Mo Do DDDo do Qo wo Wo yo",
]

def label_line(key, helper, fmt, zone):
    if "'" in fmt:
        if '"' in fmt:
            return None
        lit = '"%s"' % fmt
    else:
        if fmt.endswith("\\"):
            lit = '"%s"' % fmt
        else:
            lit = "'%s'" % fmt
    tz = "" if zone is None else " tz='%s'" % zone
    line = "{{%s %s%s}}" % (helper, lit, tz)
    if ',"' in line or line != line.strip():
        return None
    return (key, line)

def batch(ms, probes, via="commit_date"):
    """probes: list of (zone, format). Returns list of records."""
    lines, meta = [], {}
    for i, (zone, fmt) in enumerate(probes):
        key = "k%04d" % i
        entry = label_line(key, via, fmt, zone)
        if entry is None:
            continue
        lines.append(entry)
        meta[key] = (zone, fmt)
    if via == "commit_date":
        vals, errors, warnings, _ = run(1736936130, iso(ms), lines)
    else:
        assert ms % 1000 == 0
        vals, errors, warnings, _ = run(ms // 1000, "2025-01-14T22:45:07.123Z", lines)
    if errors:
        raise SystemExit("oracle error at %s: %s" % (iso(ms), errors))
    out = []
    for key, (zone, fmt) in meta.items():
        if key not in vals:
            raise SystemExit("missing %s (%r %r) at %s" % (key, zone, fmt, iso(ms)))
        out.append([zone, fmt, unescape(vals[key])])
    return [{"ms": ms, "via": via, "probes": out}]

def instants():
    res = [ms_of(2025, 1, 15, 10, 15, 30, 123)]
    for milli in (0, 1, 10, 99, 100, 999):
        res.append(ms_of(2025, 2, 1, 3, 4, 5, milli))
    res += [ms_of(2025, 3, 30, 0, 59, 59, 999), ms_of(2025, 3, 30, 1), ms_of(2025, 10, 26, 0, 59, 59, 999),
            ms_of(2025, 10, 26, 1), ms_of(2025, 3, 9, 6, 59, 59, 999), ms_of(2025, 3, 9, 7),
            ms_of(2025, 11, 2, 5, 59, 59, 999), ms_of(2025, 11, 2, 6), ms_of(2025, 4, 5, 15, 59, 59, 999),
            ms_of(2025, 4, 5, 16), ms_of(2025, 7, 4, 12, 0, 0, 500)]
    for y in (2015, 2020, 2024, 2026, 2027, 2009, 2004):
        for (mo, d, h) in ((12, 28, 23), (12, 29, 0), (12, 31, 12), ((1, 1, 0)), (1, 3, 23), (1, 4, 12)):
            yy = y if mo == 12 else y + 1
            res.append(ms_of(yy, mo, d, h, 30, 0, 250))
    res += [ms_of(2024, 2, 29, 12), ms_of(2024, 12, 31, 23, 59, 59, 999), ms_of(2000, 2, 29, 6),
            ms_of(1900, 3, 1, 12), ms_of(2100, 2, 28, 23), ms_of(2038, 1, 19, 3, 14, 8),
            ms_of(2037, 12, 31, 12), ms_of(2050, 7, 1, 12), ms_of(2100, 6, 15, 8), ms_of(9999, 12, 31, 23, 59, 59, 999),
            ms_of(10000, 1, 1), ms_of(275000, 6, 1, 12, 0, 0, 7), ms_of(1970, 1, 1), ms_of(1969, 12, 31, 23, 59, 59, 999),
            ms_of(1900, 1, 1), ms_of(1883, 11, 18, 17), ms_of(1800, 1, 1, 12, 0, 0, 42), ms_of(999, 6, 15, 3),
            ms_of(100, 1, 1), ms_of(1, 1, 1), ms_of(1, 1, 1, 12), ms_of(0, 12, 31, 12), ms_of(0, 12, 31),
            ms_of(-1, 6, 15, 20), ms_of(-2024, 2, 29, 1), ms_of(2011, 12, 31, 10), ms_of(2011, 12, 29, 10),
            ms_of(1995, 1, 1, 10), ms_of(1994, 12, 30, 10), ms_of(1942, 6, 1, 12), ms_of(1916, 5, 21, 12),
            ms_of(2026, 11, 1, 12), ms_of(2026, 3, 8, 12), ms_of(1, 1, 2, 13, 0, 0, 0)]
    return res

def main(full_path):
    records = []
    all_instants = instants()
    for n, ms in enumerate(all_instants):
        probes = [(z, WIDE_FORMATS[0]) for z in ZONES]
        subset = [ZONES[(n * 8 + i) % len(ZONES)] for i in range(8)]
        probes += [(z, f) for z in subset for f in WIDE_FORMATS[1:]]
        if n % 4 == 0:
            probes += [(z, f) for z in ("Asia/Tokyo", "America/New_York") for f in TRICKY_FORMATS]
            probes += [(z, "YYYY-MM-DD HH:mm:ss Z [z=]z") for z in UNKNOWN_ONLY]
        records += batch(ms, probes)
        print("%d/%d %s: %d" % (n + 1, len(all_instants), iso(ms), sum(len(r["probes"]) for r in records)), file=sys.stderr)
    # the `date` helper (frozen clock, whole seconds) goes the same way
    for ms in (ms_of(2025, 1, 15, 10, 15, 30), ms_of(2025, 2, 1, 3, 4, 5), ms_of(1969, 7, 20, 20, 17, 40)):
        records += batch(ms, [(z, f) for z in ZONES[:20] for f in WIDE_FORMATS[:3] + [""]], via="date")
        records += batch(ms, [(None, f) for f in WIDE_FORMATS + TRICKY_FORMATS], via="date")
    records += all_zone_groups()
    helper = helper_cases()
    write(full_path, {"oracle": ORACLE, "format_cases": records, "helper_cases": helper})
    print("wrote %d format cases, %d helper cases" % (len(records), len(helper)), file=sys.stderr)
    write_subset(full_path)

ORACLE = "docker/metadata-action v6.2.0 (moment 2.30.1, moment-timezone 0.6.2, tzdata 2026b)"

def write(path, data):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=0, sort_keys=True)
        fh.write("\n")

# ---------------------------------------------------------------------------------------
# The committed subset.

DST_PAIRS = [(ms_of(2025, 3, 30, 0, 59, 59, 999), ms_of(2025, 3, 30, 1)),
             (ms_of(2025, 10, 26, 0, 59, 59, 999), ms_of(2025, 10, 26, 1)),
             (ms_of(2025, 3, 9, 6, 59, 59, 999), ms_of(2025, 3, 9, 7)),
             (ms_of(2025, 11, 2, 5, 59, 59, 999), ms_of(2025, 11, 2, 6)),
             (ms_of(2025, 4, 5, 15, 59, 59, 999), ms_of(2025, 4, 5, 16))]

def subset(full):
    """Every commit_date instant with: WIDE_FORMATS[0] for 3 rotating zones (all 61 zones
    are covered) plus, at DST edges, every zone whose offset changes there; each other wide
    format (token family) once, rotating over the group's zones; tricky formats in full
    twice, else 8 rotating; unknown-name probes twice.  `date` groups: 5 zones, local mode in
    full.  Every-zone groups: every 10th name (60 names) at each instant."""
    groups = full["format_cases"]
    wide0 = {}
    for g in groups:
        if g["via"] == "commit_date" and len(g["probes"]) < 300:
            wide0[g["ms"]] = {p[0]: p[2] for p in g["probes"] if p[1] == WIDE_FORMATS[0]}
    partner = {}
    for a, b in DST_PAIRS:
        partner[a], partner[b] = b, a
    all_names = sorted({p[0] for g in groups if len(g["probes"]) >= 297 for p in g["probes"]})
    keep_names = set(all_names[::10])
    out, n, tricky_groups = [], 0, 0
    for g in groups:
        probes = g["probes"]
        if g["via"] == "date":
            zones = set(ZONES[:20][::4])
            kept = [p for p in probes if p[0] is None or p[0] in zones]
        elif len(probes) >= 297:
            kept = [p for p in probes if p[0] in keep_names]
        else:
            zones = {ZONES[(3 * n + k) % len(ZONES)] for k in range(3)}
            if g["ms"] in partner:
                other = wide0.get(partner[g["ms"]], {})
                zones |= {z for z, v in wide0[g["ms"]].items() if other.get(z, v)[23:29] != v[23:29]}
            group_zones = [ZONES[(n * 8 + i) % len(ZONES)] for i in range(8)]
            has_tricky = any(p[1] in TRICKY_FORMATS for p in probes)
            kept = []
            for p in probes:
                zone, fmt = p[0], p[1]
                if fmt == WIDE_FORMATS[0] and zone in zones and zone not in UNKNOWN_ONLY:
                    kept.append(p)
                elif fmt in WIDE_FORMATS[1:] and zone == group_zones[(WIDE_FORMATS.index(fmt) + n) % 8]:
                    kept.append(p)
                elif fmt in TRICKY_FORMATS and zone in ("Asia/Tokyo", "America/New_York"):
                    i = TRICKY_FORMATS.index(fmt)
                    full_set = tricky_groups < 2
                    if full_set or ((i - 8 * tricky_groups) % len(TRICKY_FORMATS) < 8 and
                                    zone == ("Asia/Tokyo", "America/New_York")[(i + tricky_groups) % 2]):
                        kept.append(p)
                elif zone in UNKNOWN_ONLY and fmt != WIDE_FORMATS[0]:
                    if tricky_groups < 2 or UNKNOWN_ONLY.index(zone) == tricky_groups % len(UNKNOWN_ONLY):
                        kept.append(p)
            tricky_groups += 1 if has_tricky else 0
            n += 1
        if kept:
            out.append({"ms": g["ms"], "via": g["via"], "probes": kept})
    return {"oracle": full["oracle"], "subset_of": "generate_fixtures.py --full (see its docstring)",
            "format_cases": out, "helper_cases": full["helper_cases"]}

def write_subset(full_path):
    with open(full_path, encoding="utf-8") as fh:
        full = json.load(fh)
    data = subset(full)
    write(OUT, data)
    print("subset: %d groups, %d probes -> %s (%d bytes)" % (len(data["format_cases"]),
          sum(len(g["probes"]) for g in data["format_cases"]), OUT, os.path.getsize(OUT)), file=sys.stderr)

S = lambda s: {"string": s}
N = lambda n: {"number": n}
B = lambda b: {"boolean": b}
NULL = {"null": True}
UNDEF = {"undefined": True}
OBJ = {"object": True}

HELPER = [
    # (template body after helper name, positional, hash)
    ("", [], []),
    ("tz='UTC'", [], [("tz", S("UTC"))]),
    ("5", [N(5)], []), ("true", [B(True)], []), ("1.5", [N(1.5)], []), ("-1", [N(-1)], []),
    ("0", [N(0)], []), ("false", [B(False)], []), ("null", [NULL], []), ("undefined", [UNDEF], []),
    ("''", [S("")], []), ("this", [OBJ], []), ("0 tz='Asia/Tokyo'", [N(0)], [("tz", S("Asia/Tokyo"))]),
    ("'' tz='Europe/London'", [S("")], [("tz", S("Europe/London"))]),
    ("'' tz='Mars/Base'", [S("")], [("tz", S("Mars/Base"))]),
    ("'YYYY z' tz='Mars/Base'", [S("YYYY z")], [("tz", S("Mars/Base"))]),
    ("'YYYY' tz=''", [S("YYYY")], [("tz", S(""))]), ("'YYYY' tz=5", [S("YYYY")], [("tz", N(5))]),
    ("'YYYY' tz=true", [S("YYYY")], [("tz", B(True))]), ("'YYYY' tz=null", [S("YYYY")], [("tz", NULL)]),
    ("'YYYY' tz=0", [S("YYYY")], [("tz", N(0))]), ("'YYYY' tz=false", [S("YYYY")], [("tz", B(False))]),
    ("'YYYY' tz=1.5", [S("YYYY")], [("tz", N(1.5))]), ("'YYYY' tz=-3", [S("YYYY")], [("tz", N(-3))]),
    ("'YYYY' tz=0.0000001", [S("YYYY")], [("tz", N(0.0000001))]),
    ("'YYYY' tz=100000000000000000000000", [S("YYYY")], [("tz", N(1e23))]),
    ("'YYYY' tz=this", [S("YYYY")], [("tz", OBJ)]), ("'YYYY' tz=undefined", [S("YYYY")], []),  # Handlebars drops a hash pair written as the literal undefined
    ("'YYYY' tz=nosuchpath", [S("YYYY")], [("tz", UNDEF)]), ("nosuchpath", [UNDEF], []),
    ("nosuchpath tz='Asia/Tokyo'", [UNDEF], [("tz", S("Asia/Tokyo"))]),
    ("'YYYY' foo='x'", [S("YYYY")], [("foo", S("x"))]), ("'YYYY' tz='UTC' foo=1", [S("YYYY")], [("tz", S("UTC")), ("foo", N(1))]),
    ("'YYYY' foo=1 tz=5", [S("YYYY")], [("foo", N(1)), ("tz", N(5))]), ("5 foo=1", [N(5)], [("foo", N(1))]),
    ("5 tz=5", [N(5)], [("tz", N(5))]), ("5 tz=''", [N(5)], [("tz", S(""))]),
    ("'YYYY' 'x'", [S("YYYY"), S("x")], []), ("'YYYY' 'x' tz='UTC'", [S("YYYY"), S("x")], [("tz", S("UTC"))]),
    ("'YYYY' null", [S("YYYY"), NULL], []), ("'YYYY' undefined", [S("YYYY"), UNDEF], []),
    ("'YYYY' 5", [S("YYYY"), N(5)], []),
    ("'YYYY' tz='constructor'", [S("YYYY")], [("tz", S("constructor"))]),
    ("'YYYY' tz='__proto__'", [S("YYYY")], [("tz", S("__proto__"))]),
    ("'YYYY' tz='CONSTRUCTOR'", [S("YYYY")], [("tz", S("CONSTRUCTOR"))]),
    ("'YYYY z' tz='hasOwnProperty'", [S("YYYY z")], [("tz", S("hasOwnProperty"))]),
    ("'YYYY z' tz='Asia/Tokyo' tz='Asia/Shanghai'", [S("YYYY z")], [("tz", S("Asia/Tokyo")), ("tz", S("Asia/Shanghai"))]),
    ("'YYYY z' tz='UTC' tz='Asia/Tokyo'", [S("YYYY z")], [("tz", S("UTC")), ("tz", S("Asia/Tokyo"))]),
    ("'Y' foo=1 zed=2", [S("Y")], [("foo", N(1)), ("zed", N(2))]),
    ("'Y' zed=1 foo=2 abc=3", [S("Y")], [("zed", N(1)), ("foo", N(2)), ("abc", N(3))]),
    ("'Y' tz=5 foo=1", [S("Y")], [("tz", N(5)), ("foo", N(1))]),
    ("'Y' foo=1 tz=5", [S("Y")], [("foo", N(1)), ("tz", N(5))]),
    ("'YYYY z' tz='Asia/Tokyo' tz=5", [S("YYYY z")], [("tz", S("Asia/Tokyo")), ("tz", N(5))]),
]

def helper_cases():
    out = []
    ms = ms_of(2025, 1, 14, 22, 45, 7, 123)
    for body, positional, hash_ in HELPER:
        for commit_ts, rec_ms in ((iso(ms), ms),):
            tmpl = "{{commit_date %s}}" % body if body else "{{commit_date}}"
            vals, errors, warnings, stderr = run(1736936130, commit_ts, [("a", tmpl)])
            rec = {"template": tmpl, "ms": rec_ms, "positional": positional, "hash": [[k, v] for k, v in hash_],
                   "expected": unescape(vals["a"]) if "a" in vals else None, "error": errors[0] if errors else None,
                   "console": sorted(set(l for l in stderr.splitlines() if l.startswith("Moment Timezone")))}
            out.append(rec)
            print(tmpl, "->", rec["expected"], rec["error"], file=sys.stderr)
    # invalid commit date: the format argument is never looked at
    for body, positional, hash_ in (("'YYYY z' tz='Asia/Tokyo'", [S("YYYY z")], [("tz", S("Asia/Tokyo"))]),
                                    ("5", [N(5)], []), ("'YYYY' tz=5", [S("YYYY")], [("tz", N(5))])):
        tmpl = "{{commit_date %s}}" % body
        vals, errors, _, _ = run(1736936130, "not a date", [("a", tmpl)])
        out.append({"template": tmpl, "ms": None, "positional": positional, "hash": [[k, v] for k, v in hash_],
                    "expected": unescape(vals["a"]) if "a" in vals else None, "error": errors[0] if errors else None,
                    "console": []})
    return out

def all_zone_names():
    """Every zone and link name in the bundled moment-timezone data."""
    import re
    src = open("/work/oracle/metadata-action/dist/index.cjs", encoding="utf-8").read()
    m = re.search(r'\{version:"(\w+)",zones:(\[.*?\]),links:(\[.*?\]),countries:', src, re.S)
    names = [z.split("|")[0] for z in json.loads(m.group(2))]
    for link in json.loads(m.group(3)):
        names += link.split("|")
    return sorted(set(names))

def all_zone_groups():
    """Every known name at a few instants (offsets, abbreviations, day of year, weeks)."""
    names = all_zone_names()
    out = []
    for ms in (ms_of(2025, 1, 15, 10, 15, 30, 123), ms_of(2025, 7, 15, 22, 45), ms_of(1960, 5, 5, 5, 5, 5),
               ms_of(1890, 8, 8, 8, 8, 8, 8), ms_of(2045, 10, 30, 1, 2, 3, 4)):
        for start in range(0, len(names), 300):
            out += batch(ms, [(z, "YYYY-MM-DD HH:mm:ss.SSS Z z DDD W w") for z in names[start:start + 300]])
    return out

def merge_all_zones(full_path):
    with open(full_path, encoding="utf-8") as fh:
        data = json.load(fh)
    data["format_cases"] += all_zone_groups()
    write(full_path, data)
    write_subset(full_path)

def helpers_only(full_path):
    with open(full_path, encoding="utf-8") as fh:
        data = json.load(fh)
    data["helper_cases"] = helper_cases()
    write(full_path, data)
    write_subset(full_path)

if __name__ == "__main__":
    args = sys.argv[1:]
    path = args[1] if len(args) > 1 else FULL
    mode = args[0] if args else "--full"
    if mode == "--subset-from":
        write_subset(path)
    elif mode == "--helpers-only":
        helpers_only(path)
    elif mode == "--merge-all-zones":
        merge_all_zones(path)
    elif mode == "--full":
        main(path)
    else:
        sys.exit(__doc__)
