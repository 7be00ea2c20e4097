import Foundation

/// JavaScript's number conversions, where metadata-action's rules depend on them.
public enum JavaScriptNumber {
    /// `Number.prototype.toString()` of `value` (what `String(x)`, template literals,
    /// `Array#join` and Handlebars produce): `100000000000000000000` for 1e20, `1e+21`, `Infinity`.
    /// https://tc39.es/ecma262/#sec-numeric-types-number-tostring
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        if value < 0 { return "-" + string(-value) }
        let (digits, exponent) = shortestDigits(value)
        return layout(digits: digits, pointPosition: exponent)
    }

    /// Shortest round-trip decimal digits `s` and `n` such that value = 0.s × 10^n.
    private static func shortestDigits(_ value: Double) -> (digits: [Character], exponent: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let power = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var all = Array(mantissa.filter { $0 != "." })
        let leadingZeros = all.prefix { $0 == "0" }.count
        all.removeFirst(leadingZeros)
        while all.last == "0" { all.removeLast() }
        return (all, integerDigits - leadingZeros + power)
    }

    /// ECMAScript Number::toString layout of digits `s` (k digits) with point position n.
    private static func layout(digits s: [Character], pointPosition n: Int) -> String {
        let k = s.count
        if k <= n && n <= 21 {
            return String(s) + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return String(s[..<n]) + "." + String(s[n...])
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + String(s)
        }
        let e = n - 1
        let exponent = (e < 0 ? "e-" : "e+") + String(abs(e))
        if k == 1 { return String(s) + exponent }
        return String(s[0]) + "." + String(s[1...]) + exponent
    }


    /// `Number(text)` (ToNumber applied to a string): NaN when the text is not a number.
    /// https://tc39.es/ecma262/#sec-stringtonumber
    public static func number(_ text: String) -> Double {
        let trimmed = trimJavaScriptWhitespace(text)
        if trimmed.isEmpty { return 0 }
        if let radixValue = radixLiteral(trimmed) { return radixValue }
        var body = Substring(trimmed)
        var sign = 1.0
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if body == "Infinity" { return sign * .infinity }
        guard isDecimalLiteral(body), let value = Double(String(body)) else { return .nan }
        return sign * value
    }

    /// `isNaN(+text)`.
    public static func isNaN(_ text: String) -> Bool { number(text).isNaN }

    /// The JavaScript white space and line terminators that `String.prototype.trim` removes.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// `String.prototype.trim()`.
    public static func trimJavaScriptWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func radixLiteral(_ text: String) -> Double? {
        let lower = text.prefix(2).lowercased()
        let radix: Int
        switch lower {
        case "0x": radix = 16
        case "0o": radix = 8
        case "0b": radix = 2
        default: return nil
        }
        let digits = text.dropFirst(2)
        guard !digits.isEmpty else { return .nan }
        var value = 0.0
        for character in digits {
            guard let digit = character.hexDigitValue, digit < radix else { return .nan }
            value = value * Double(radix) + Double(digit)
        }
        return value
    }

    /// StrUnsignedDecimalLiteral: digits with an optional fraction and exponent.
    private static func isDecimalLiteral(_ text: Substring) -> Bool {
        var index = text.startIndex
        var mantissaDigits = 0
        func skipDigits() -> Int {
            var count = 0
            while index < text.endIndex, text[index].isASCII, text[index].isNumber {
                index = text.index(after: index)
                count += 1
            }
            return count
        }
        mantissaDigits += skipDigits()
        if index < text.endIndex, text[index] == "." {
            index = text.index(after: index)
            mantissaDigits += skipDigits()
        }
        guard mantissaDigits > 0 else { return false }
        if index < text.endIndex, text[index] == "e" || text[index] == "E" {
            index = text.index(after: index)
            if index < text.endIndex, text[index] == "+" || text[index] == "-" {
                index = text.index(after: index)
            }
            guard skipDigits() > 0 else { return false }
        }
        return index == text.endIndex
    }
}
