/// Text helpers shared by the parsers: JavaScript-compatible trimming and line splitting.
enum InputText {
    /// Whether `scalar` is removed by JavaScript's `String.prototype.trim`
    /// (WhiteSpace and LineTerminator, as `core.getInput` trims).
    static func isJSWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2028, 0x2029,
             0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        case 0x2000...0x200A:
            return true
        default:
            return false
        }
    }

    /// `text` without leading and trailing JavaScript whitespace.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isJSWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isJSWhitespace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }

    /// Splits on `\n`, `\r\n` and `\r`; the result has at least one (possibly empty) line.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                result.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        result.append(String(current))
        return result
    }

    /// `text` with ASCII letters lower-cased (other characters unchanged).
    static func asciiLowercased(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 32) {
                out.append(lower)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `text` contains an ASCII upper-case letter.
    static func hasASCIIUppercase(_ text: String) -> Bool {
        text.unicodeScalars.contains { ("A"..."Z").contains($0) }
    }

    /// Whether `scalar` is an ASCII lower-case letter or digit.
    static func isLowerAlnum(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Whether `scalar` is an ASCII letter or digit.
    static func isAlnum(_ scalar: Unicode.Scalar) -> Bool {
        isLowerAlnum(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Whether `scalar` is a C0/C1 control character or DEL (tab included).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
