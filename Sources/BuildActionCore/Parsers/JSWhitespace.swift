/// ECMAScript WhiteSpace and LineTerminator code points, as used by `String.prototype.trim`
/// and the regular-expression class `\s`.
enum JSWhitespace {
    /// The code units (all in the BMP) that JavaScript treats as whitespace.
    static let codeUnits: [UInt16] = [
        0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x00A0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
        0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF
    ]

    /// Whether `unit` is JavaScript whitespace.
    static func contains(_ unit: UInt16) -> Bool {
        codeUnits.contains(unit)
    }

    /// `String.prototype.trim()`.
    static func trim(_ text: String) -> String {
        let units = Array(text.utf16)
        var start = 0
        var end = units.count
        while start < end, contains(units[start]) { start += 1 }
        while end > start, contains(units[end - 1]) { end -= 1 }
        if start == 0 && end == units.count { return text }
        return String(decoding: units[start..<end], as: UTF16.self)
    }
}
