/// Lookup of `\p{…}` names and of the fixed character sets (`\d`, `\s`, `\w`, `.`), using data recorded from V8.
enum UnicodeProperties {
    /// Encoded set data keyed by every accepted spelling (`L`, `gc=L`, `Script=Latin`, …).
    private static let index: [String: Substring] = {
        var result: [String: Substring] = [:]
        for line in UnicodeTables.propertySets.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let data = line[line.index(after: colon)...]
            for name in line[..<colon].split(separator: " ") { result[String(name)] = data }
        }
        return result
    }()

    /// Every set decoded once, on first use (shared by all spellings of a name).
    private static let decoded: [String: CodePointSet] = {
        var byData: [Substring: CodePointSet] = [:]
        var result: [String: CodePointSet] = [:]
        for (name, data) in index {
            if let set = byData[data] {
                result[name] = set
            } else {
                let set = decode(data)
                byData[data] = set
                result[name] = set
            }
        }
        return result
    }()

    /// The set named by a `\p{name}` or `\p{name=value}` body, or nil when V8 rejects the name.
    static func set(named name: String) -> CodePointSet? { decoded[name] }

    /// `.` without the `s` flag: everything but line terminators.
    static let notLineTerminators = lineTerminators.inverted()

    /// ID_Start, used for capture group names.
    static let idStart: CodePointSet = set(named: "ID_Start") ?? CodePointSet()
    /// ID_Continue, used for capture group names.
    static let idContinue: CodePointSet = set(named: "ID_Continue") ?? CodePointSet()

    /// `\d`.
    static let digits = CodePointSet(ranges: [0x30...0x39])
    /// `\w` without the Unicode case-insensitive additions.
    static let wordCharacters = CodePointSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// `\s`: WhiteSpace and LineTerminator.
    static let whiteSpace = CodePointSet(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// LineTerminator (`\n`, `\r`, U+2028, U+2029).
    static let lineTerminators = CodePointSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])

    /// Whether `c` may start a capture group name (ID_Start, `$`, `_`; V8 also lets `\` through here).
    static func isIdentifierStart(_ c: UInt32) -> Bool {
        c == 0x24 || c == 0x5F || c == 0x5C || (c < 0x110000 && idStart.contains(c))
    }

    /// Whether `c` may continue a capture group name (ID_Continue, `$`, `_`, ZWNJ, ZWJ).
    static func isIdentifierPart(_ c: UInt32) -> Bool {
        c == 0x24 || c == 0x5F || c == 0x5C || c == 0x200C || c == 0x200D
            || (c < 0x110000 && idContinue.contains(c))
    }

    static func decode(_ data: Substring) -> CodePointSet {
        var ranges: [ClosedRange<UInt32>] = []
        var previous: UInt32 = 0
        var pendingStart: UInt32? = nil
        for field in data.split(separator: ",") {
            guard let number = UInt32(field, radix: 36) else { continue }
            if let start = pendingStart {
                ranges.append(start...(start + number))
                previous = start + number + 1
                pendingStart = nil
            } else {
                pendingStart = previous + number
            }
        }
        return CodePointSet(ranges: ranges)
    }
}
