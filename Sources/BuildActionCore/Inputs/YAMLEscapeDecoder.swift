/// Decodes one escape sequence of a double-quoted YAML scalar, starting after the backslash.
struct YAMLEscapeDecoder {
    /// The line being read.
    let line: [Unicode.Scalar]
    /// The current position: after `decode()` succeeds, just past the escape sequence;
    /// at or past the line's end when the line ended inside the escape.
    private(set) var index: Int

    /// Creates a decoder positioned just after a backslash.
    init(line: [Unicode.Scalar], index: Int) {
        self.line = line
        self.index = index
    }

    /// The decoded scalar, or nil for an unsupported, truncated or invalid escape.
    mutating func decode() -> Unicode.Scalar? {
        guard index < line.count else { return nil }
        let letter = line[index]
        index += 1
        switch letter {
        case "\\", "\"", "/": return letter
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "x": return hex(2).flatMap(Unicode.Scalar.init)
        case "U": return hex(8).flatMap(Unicode.Scalar.init)
        case "u": return utf16Escape()
        default: return nil
        }
    }

    private mutating func utf16Escape() -> Unicode.Scalar? {
        guard let unit = hex(4) else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < line.count, line[index] == "\\", line[index + 1] == "u" else { return nil }
            index += 2
            guard let low = hex(4), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF:
            return nil
        default:
            return Unicode.Scalar(unit)
        }
    }

    private mutating func hex(_ count: Int) -> UInt32? {
        guard index + count <= line.count else {
            index = line.count
            return nil
        }
        var value: UInt32 = 0
        for scalar in line[index..<(index + count)] {
            guard let digit = hexDigit(scalar) else { return nil }
            value = value * 16 + digit
        }
        index += count
        return value
    }

    private func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }
}
