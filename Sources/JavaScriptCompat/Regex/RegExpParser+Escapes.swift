/// Escapes, back references, group names and the capture pre-scan.
extension RegExpParser {
    /// Parses an escape at atom level (`current == "\\"`); returns true when an assertion was added.
    mutating func parseAtomEscape(into builder: inout TermBuilder) throws(RegExpSyntaxIssue) -> Bool {
        let escaped = next()
        switch escaped {
        case RegExpParser.endMarker:
            throw .escapeAtEndOfPattern
        case 0x31...0x39:
            if let index = try parseBackReferenceIndex() {
                let enclosing = openGroups.contains { $0.index == index }
                builder.addAtom(enclosing ? .empty : .backReference(index))
                return false
            }
            if unicodeMode { throw .invalidEscape }
            if escaped == 0x38 || escaped == 0x39 {
                builder.addAtom(.character(escaped))
                advance(by: 2)
                return false
            }
            advance()
            builder.addAtom(.character(parseOctalLiteral()))
        case 0x30:
            advance()
            if unicodeMode && isDecimalDigit(next()) { throw .invalidDecimalEscape }
            builder.addAtom(.character(parseOctalLiteral()))
        case 0x62, 0x42:  // b B
            advance(by: 2)
            builder.addAssertion(.assertion(escaped == 0x62 ? .wordBoundary : .notWordBoundary))
            return true
        case 0x64, 0x44, 0x73, 0x53, 0x77, 0x57, 0x70, 0x50:  // d D s S w W p P
            if let value = try parseClassEscapeSet(escaped, inClass: false) {
                builder.addAtom(value.node(negated: false))
            } else {
                advance(by: 2)
                builder.addAtom(.character(escaped))
            }
        default:
            if escaped == 0x6B {  // k: a named reference unless legacy mode without named groups
                let named = try hasNamedCapturesScanning(inClass: false)
                if unicodeMode || named {
                    advance(by: 2)
                    try parseNamedBackReference(into: &builder)
                    return false
                }
            }
            builder.addAtom(.character(try parseCharacterEscape(inClass: false)))
        }
        return false
    }

    /// Parses `\1`… as a back reference when the number does not exceed the capture count.
    private mutating func parseBackReferenceIndex() throws(RegExpSyntaxIssue) -> Int? {
        let start = position
        var value = Int(next() - 0x30)
        advance(by: 2)
        while isDecimalDigit(current) {
            value = 10 * value + Int(current - 0x30)
            if value > RegExpParser.maxCaptures {
                reset(to: start)
                return nil
            }
            advance()
        }
        if value > capturesStarted {
            if !isScannedForCaptures { scanForCaptures(inClass: false) }
            if value > captureCount {
                reset(to: start)
                return nil
            }
        }
        return value
    }

    /// Reads up to three octal digits (value below 256), Annex B style.
    mutating func parseOctalLiteral() -> UInt32 {
        var value = current &- 0x30
        advance()
        if current >= 0x30 && current <= 0x37 {
            value = value * 8 + current - 0x30
            advance()
            if value < 32 && current >= 0x30 && current <= 0x37 {
                value = value * 8 + current - 0x30
                advance()
            }
        }
        return value
    }

    /// Parses a CharacterEscape at `current == "\\"` and returns the character it denotes.
    mutating func parseCharacterEscape(inClass: Bool) throws(RegExpSyntaxIssue) -> UInt32 {
        advance()
        let c = current
        switch c {
        case 0x66: advance(); return 0x0C
        case 0x6E: advance(); return 0x0A
        case 0x72: advance(); return 0x0D
        case 0x74: advance(); return 0x09
        case 0x76: advance(); return 0x0B
        case 0x63:  // c
            let control = next()
            let letter = control & ~UInt32(0x20)
            if letter >= 0x41 && letter <= 0x5A {
                advance(by: 2)
                return control & 0x1F
            }
            if unicodeMode { throw .invalidUnicodeEscape }
            if inClass && (isDecimalDigit(control) || control == 0x5F) {
                advance(by: 2)
                return control & 0x1F
            }
            return 0x5C
        case 0x30...0x37:
            if c == 0x30 && !isDecimalDigit(next()) {
                advance()
                return 0
            }
            if unicodeMode { throw .invalidClassEscape }
            return parseOctalLiteral()
        case 0x78:  // x
            advance()
            if let value = parseHexEscape(length: 2) { return value }
            if unicodeMode { throw .invalidEscape }
            return 0x78
        case 0x75:  // u
            advance()
            if let value = parseUnicodeEscape() { return value }
            if unicodeMode { throw .invalidUnicodeEscape }
            return 0x75
        default:
            break
        }
        if unicodeSets && inClass && RegExpParser.isClassSetReservedPunctuator(c) {
            advance()
            return c
        }
        if unicodeMode {
            if !RegExpParser.isSyntaxCharacterOrSlash(c) { throw .invalidEscape }
            advance()
            return c
        }
        advance()
        if c == 0x6B, try hasNamedCapturesScanning(inClass: inClass) { throw .invalidEscape }
        return c
    }

    /// Parses exactly `length` hex digits; restores the cursor on failure.
    mutating func parseHexEscape(length: Int) -> UInt32? {
        let start = position
        var value: UInt32 = 0
        for _ in 0..<length {
            guard let digit = RegExpParser.hexValue(current) else {
                reset(to: start)
                return nil
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    /// Parses the part after `\u`: `XXXX`, a `\uXXXX\uXXXX` surrogate pair or `{X…}` (Unicode mode).
    mutating func parseUnicodeEscape() -> UInt32? {
        if current == 0x7B && unicodeMode {
            let start = position
            advance()
            if let value = parseUnlimitedHex(maximum: 0x10FFFF), current == 0x7D {
                advance()
                return value
            }
            reset(to: start)
            return nil
        }
        guard let value = parseHexEscape(length: 4) else { return nil }
        if unicodeMode && (0xD800...0xDBFF).contains(value) && current == 0x5C {
            let start = position
            if next() == 0x75 {
                advance(by: 2)
                if let trail = parseHexEscape(length: 4), (0xDC00...0xDFFF).contains(trail) {
                    return 0x10000 + ((value - 0xD800) << 10) + (trail - 0xDC00)
                }
            }
            reset(to: start)
        }
        return value
    }

    private mutating func parseUnlimitedHex(maximum: UInt32) -> UInt32? {
        guard var digit = RegExpParser.hexValue(current) else { return nil }
        var value: UInt32 = 0
        while true {
            value = value * 16 + digit
            if value > maximum { return nil }
            advance()
            guard let nextDigit = RegExpParser.hexValue(current) else { return value }
            digit = nextDigit
        }
    }

    /// Parses a group name after `<` (current is its first character) through the closing `>`.
    mutating func parseCaptureGroupName() throws(RegExpSyntaxIssue) -> String {
        rewindByOneCodePoint()
        forceUnicode = true
        var name = String.UnicodeScalarView()
        var atStart = true
        while true {
            advance()
            var c = current
            if c == 0x5C && next() == 0x75 {
                advance(by: 2)
                guard let value = parseUnicodeEscape() else { throw .invalidUnicodeEscape }
                c = value
                rewindByOneCodePoint()
            }
            if c == 0x5C { throw .invalidCaptureGroupName }
            if atStart {
                guard UnicodeProperties.isIdentifierStart(c), let scalar = Unicode.Scalar(c) else {
                    throw .invalidCaptureGroupName
                }
                name.append(scalar)
                atStart = false
            } else {
                if c == 0x3E { break }
                guard UnicodeProperties.isIdentifierPart(c), let scalar = Unicode.Scalar(c) else {
                    throw .invalidCaptureGroupName
                }
                name.append(scalar)
            }
        }
        forceUnicode = false
        advance()
        return String(name)
    }

    /// Parses `<name>` after `\k` and adds the reference.
    private mutating func parseNamedBackReference(into builder: inout TermBuilder) throws(RegExpSyntaxIssue) {
        guard current == 0x3C else { throw .invalidNamedReference }
        advance()
        let name = try parseCaptureGroupName()
        if openGroups.contains(where: { $0.name == name }) {
            builder.addAtom(.empty)
        } else {
            builder.addAtom(.namedBackReference(name))
            usesNamedBackReferences = true
            namedReferenceNames.append(name)
        }
    }

    /// Whether the pattern has named groups, scanning ahead if not yet known (V8's HasNamedCaptures).
    mutating func hasNamedCapturesScanning(inClass: Bool) throws(RegExpSyntaxIssue) -> Bool {
        if hasNamedCaptures || isScannedForCaptures { return hasNamedCaptures }
        scanForCaptures(inClass: inClass)
        return hasNamedCaptures
    }

    /// Counts all capture groups (V8's ScanForCaptures; classes nest only with `v`).
    mutating func scanForCaptures(inClass: Bool) {
        let saved = position
        var count = capturesStarted
        if inClass {
            while current != RegExpParser.endMarker {
                let c = current
                advance()
                if c == 0x5C { advance() } else if c == 0x5D { break }
            }
        }
        while current != RegExpParser.endMarker {
            let n = current
            advance()
            switch n {
            case 0x5C:
                advance()
            case 0x5B:
                var nesting = 0
                while current != RegExpParser.endMarker {
                    let c = current
                    advance()
                    if c == 0x5C {
                        advance()
                    } else if c == 0x5B && unicodeSets {
                        nesting += 1
                    } else if c == 0x5D {
                        if nesting == 0 { break }
                        nesting -= 1
                    }
                }
            case 0x28:
                if current == 0x3F {
                    advance()
                    if current != 0x3C { continue }
                    advance()
                    if current == 0x3D || current == 0x21 { continue }
                    hasNamedCaptures = true
                }
                count += 1
            default:
                break
            }
        }
        captureCount = count
        isScannedForCaptures = true
        reset(to: saved)
    }

    static func hexValue(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func isSyntaxCharacterOrSlash(_ c: UInt32) -> Bool {
        switch c {
        case 0x5E, 0x24, 0x5C, 0x2E, 0x2A, 0x2B, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x2F: return true
        default: return false
        }
    }

    static func isClassSetSyntaxCharacter(_ c: UInt32) -> Bool {
        switch c {
        case 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x2D, 0x5C, 0x7C: return true
        default: return false
        }
    }

    static func isClassSetReservedPunctuator(_ c: UInt32) -> Bool {
        switch c {
        case 0x26, 0x2D, 0x21, 0x23, 0x25, 0x2C, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x40, 0x60, 0x7E: return true
        default: return false
        }
    }

    /// Whether `c` and the next character form a reserved double punctuator (`&&`, `!!`, …).
    func isClassSetReservedDoublePunctuator(_ c: UInt32) -> Bool {
        switch c {
        case 0x26, 0x21, 0x23, 0x24, 0x25, 0x2A, 0x2B, 0x2C, 0x2E, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40,
             0x5E, 0x60, 0x7E:
            return next() == c
        default:
            return false
        }
    }
}
