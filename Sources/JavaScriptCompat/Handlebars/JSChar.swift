/// JavaScript regular-expression character classes over UTF-16 code units.
enum JSChar {
    /// `\s` in JavaScript.
    static func isSpace(_ c: UInt16) -> Bool {
        switch c {
        case 9, 10, 11, 12, 13, 32, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        case 0x2000...0x200A: return true
        default: return false
        }
    }

    /// Line terminators (`.` does not match these).
    static func isLineTerminator(_ c: UInt16) -> Bool {
        c == 10 || c == 13 || c == 0x2028 || c == 0x2029
    }

    /// Characters allowed in a Handlebars ID: `[^\s!"#%-,\.\/;->@\[-\^`\{-~]`.
    static func isIDChar(_ c: UInt16) -> Bool {
        if isSpace(c) { return false }
        switch c {
        case 0x21...0x23, 0x25...0x2C, 0x2E, 0x2F, 0x3B...0x3E, 0x40, 0x5B...0x5E, 0x60, 0x7B...0x7E: return false
        default: return true
        }
    }

    /// `[=~}\s\/.)|]` (the ID lookahead).
    static func isIDLookahead(_ c: UInt16) -> Bool {
        isSpace(c) || c == 0x3D || c == 0x7E || c == 0x7D || c == 0x2F || c == 0x2E || c == 0x29 || c == 0x7C
    }

    /// `[~}\s)]` (the literal lookahead).
    static func isLiteralLookahead(_ c: UInt16) -> Bool {
        isSpace(c) || c == 0x7E || c == 0x7D || c == 0x29
    }

    /// `\w` in JavaScript.
    static func isWord(_ c: UInt16) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }

    /// ASCII digit.
    static func isDigit(_ c: UInt16) -> Bool { c >= 48 && c <= 57 }
}
