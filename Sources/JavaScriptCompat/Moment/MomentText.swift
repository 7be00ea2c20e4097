/// moment's small text helpers: `zeroFill`, the English ordinal and the `Z` offset.
enum MomentText {
    /// `zeroFill(number, length, forceSign)`.
    static func zeroFill(_ number: Int, _ length: Int, forceSign: Bool = false) -> String {
        let digits = String(number.magnitude)
        let sign = number >= 0 ? (forceSign ? "+" : "") : "-"
        return sign + String(repeating: "0", count: max(0, length - digits.count)) + digits
    }

    /// English ordinal: 1st 2nd 3rd 4th 11th 12th 13th 21st...
    static func ordinal(_ number: Int) -> String {
        let last = number % 10
        let suffix: String
        if (number % 100) / 10 == 1 {
            suffix = "th"
        } else {
            switch last {
            case 1: suffix = "st"
            case 2: suffix = "nd"
            case 3: suffix = "rd"
            default: suffix = "th"
            }
        }
        return "\(number)" + suffix
    }

    /// `Z` / `ZZ`: sign, whole hours and whole minutes of the offset (seconds dropped).
    static func offset(_ minutes: Double, separator: String) -> String {
        var value = minutes
        var sign = "+"
        if value < 0 {
            value = -value
            sign = "-"
        }
        return sign + zeroFill(JSMath.truncate(value / 60), 2) + separator + zeroFill(JSMath.truncate(value) % 60, 2)
    }
}
