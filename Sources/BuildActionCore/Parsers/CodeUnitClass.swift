/// A set of UTF-16 code units, given as inclusive ranges.
struct CodeUnitClass: Sendable {
    /// The inclusive ranges of accepted code units.
    let ranges: [ClosedRange<UInt16>]

    /// A class from explicit ranges.
    init(_ ranges: [ClosedRange<UInt16>]) {
        self.ranges = ranges
    }

    /// A class from individual code units.
    init(units: [UInt16]) {
        self.ranges = units.map { $0...$0 }
    }

    /// A class from the characters of an ASCII string (each one accepted).
    init(chars: String) {
        self.init(units: Array(chars.utf16))
    }

    /// Whether `unit` belongs to the class.
    func contains(_ unit: UInt16) -> Bool {
        ranges.contains { $0.contains(unit) }
    }

    /// ASCII digits `\d` / `[0-9]`.
    static let digit = CodeUnitClass([0x30...0x39])
    /// `[a-zA-Z0-9-]`.
    static let alnumHyphen = CodeUnitClass([0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D...0x2D])
    /// `[a-zA-Z-]`.
    static let alphaHyphen = CodeUnitClass([0x41...0x5A, 0x61...0x7A, 0x2D...0x2D])
    /// `[a-z0-9]` under the `i` flag.
    static let alnumCaseless = CodeUnitClass([0x30...0x39, 0x41...0x5A, 0x61...0x7A])
    /// `[1-9]`.
    static let nonZeroDigit = CodeUnitClass([0x31...0x39])
    /// JavaScript `\s` (WhiteSpace and LineTerminator code points).
    static let whitespace = CodeUnitClass(units: JSWhitespace.codeUnits)

    /// A single code unit, matched ASCII-case-insensitively.
    static func asciiCaseInsensitive(_ unit: UInt16) -> CodeUnitClass {
        switch unit {
        case 0x41...0x5A: return CodeUnitClass(units: [unit, unit + 0x20])
        case 0x61...0x7A: return CodeUnitClass(units: [unit, unit - 0x20])
        default: return CodeUnitClass(units: [unit])
        }
    }
}

