import Foundation

/// `new Date(text)` for the timestamps that reach metadata-action: ISO 8601 as webhook payloads and
/// the REST API write them, and git's `YYYY-MM-DD HH:MM:SS +HHMM`. Text without an offset is read
/// as UTC (the runner's time zone). Returns nil where JavaScript gives `Invalid Date`.
public enum JavaScriptDate {
    /// The instant `text` denotes, or nil.
    public static func parse(_ text: String) -> Date? {
        var scanner = DateScanner(JavaScriptNumber.trimJavaScriptWhitespace(text))
        guard let year = scanner.year() else { return nil }
        var month = 1, day = 1
        if scanner.take("-") {
            guard let value = scanner.digits(exactly: 2) else { return nil }
            month = value
            if scanner.take("-") {
                guard let value = scanner.digits(exactly: 2) else { return nil }
                day = value
            }
        }
        var hour = 0, minute = 0, second = 0, millisecond = 0.0
        if scanner.take("T") || scanner.take("t") || scanner.take(" ") {
            guard let h = scanner.digits(exactly: 2), scanner.take(":"), let m = scanner.digits(exactly: 2) else { return nil }
            hour = h
            minute = m
            if scanner.take(":") {
                guard let s = scanner.digits(exactly: 2) else { return nil }
                second = s
                if scanner.take(".") || scanner.take(",") {
                    guard let fraction = scanner.fraction() else { return nil }
                    millisecond = fraction
                }
            }
        }
        _ = scanner.take(" ")
        guard let offset = scanner.offsetSeconds(), scanner.atEnd else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24 || (hour == 24 && minute == 0 && second == 0 && millisecond == 0), minute < 60, second < 60
        else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + second) - Double(offset)
        return Date(timeIntervalSince1970: seconds + millisecond / 1000)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return CivilDate.isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A cursor over the characters of a timestamp.
private struct DateScanner {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) { characters = Array(text) }

    var atEnd: Bool { position == characters.count }

    mutating func take(_ character: Character) -> Bool {
        guard position < characters.count, characters[position] == character else { return false }
        position += 1
        return true
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard position + count <= characters.count else { return nil }
        var value = 0
        for character in characters[position..<position + count] {
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            value = value * 10 + digit
        }
        position += count
        return value
    }

    /// `YYYY` or the expanded `±YYYYYY`.
    mutating func year() -> Int? {
        if take("+") { return digits(exactly: 6) }
        if take("-") { return digits(exactly: 6).map { -$0 } }
        return digits(exactly: 4)
    }

    /// Milliseconds from a fraction of a second (extra digits are truncated, as V8 does).
    mutating func fraction() -> Double? {
        var digitsSeen = 0
        var value = 0.0
        while position < characters.count, let digit = characters[position].wholeNumberValue, characters[position].isASCII {
            if digitsSeen < 3 { value = value * 10 + Double(digit) }
            digitsSeen += 1
            position += 1
        }
        guard digitsSeen > 0 else { return nil }
        for _ in stride(from: min(digitsSeen, 3), to: 3, by: 1) { value *= 10 }
        return value
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH`, `UTC`/`GMT` or nothing (UTC).
    mutating func offsetSeconds() -> Int? {
        if atEnd { return 0 }
        if take("Z") || take("z") { return 0 }
        for word in ["UTC", "GMT"] where String(characters[position...]).hasPrefix(word) {
            position += word.count
            if atEnd { return 0 }
        }
        let sign: Int
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let hours = digits(exactly: 2) else { return nil }
        var minutes = 0
        if take(":") {
            guard let value = digits(exactly: 2) else { return nil }
            minutes = value
        } else if let value = digits(exactly: 2) {
            minutes = value
        }
        return sign * (hours * 3600 + minutes * 60)
    }
}
