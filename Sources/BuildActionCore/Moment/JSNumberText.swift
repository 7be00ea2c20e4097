/// JavaScript's `Number.prototype.toString()` for a Double.
enum JSNumberText {
    /// The text JavaScript prints for `value`.
    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let (digits, exponent) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + layout(digits: digits, pointPosition: exponent)
    }

    /// Shortest round-trip decimal digits and the position `n` of the decimal point
    /// (value = 0.digits × 10^n), taken from Swift's own shortest representation.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let description = "\(value)"
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = String(parts[0])
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = String(pieces[0])
        let fractionPart = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = integerPart + fractionPart
        var point = integerPart.count + exponent
        while digits.hasPrefix("0"), digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0"), digits.count > 1 {
            digits.removeLast()
        }
        return (digits, point)
    }

    /// ECMAScript Number::toString layout rules.
    private static func layout(digits: String, pointPosition n: Int) -> String {
        let k = digits.count
        if k <= n && n <= 21 {
            return digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let index = digits.index(digits.startIndex, offsetBy: n)
            return digits[..<index] + "." + digits[index...]
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let exponentText = exponent < 0 ? "-\(-exponent)" : "+\(exponent)"
        if k == 1 {
            return digits + "e" + exponentText
        }
        return String(digits.prefix(1)) + "." + digits.dropFirst() + "e" + exponentText
    }
}
