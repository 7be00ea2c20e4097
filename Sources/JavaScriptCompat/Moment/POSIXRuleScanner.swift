/// Recursive-descent reader for POSIX TZ strings (see `POSIXTimeZoneRule`).
struct POSIXRuleScanner {
    /// The parts of a rule.
    struct Parts {
        var standard: ZoneRules.LocalTime
        var daylight: ZoneRules.LocalTime?
        var start: POSIXTimeZoneRule.DateRule?
        var end: POSIXTimeZoneRule.DateRule?
    }

    private let bytes: [UInt8]
    private let text: String
    private var index = 0

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    /// Reads the whole string.
    mutating func parseRule() throws(ZoneDataError) -> Parts {
        let standardName = try parseName()
        let standardOffset = -(try parseTime(maxHours: 24))
        var parts = Parts(standard: .init(utcOffsetSeconds: standardOffset, abbreviation: standardName))
        guard index < bytes.count else { return parts }
        let daylightName = try parseName()
        var daylightOffset = standardOffset + 3600
        if index < bytes.count, bytes[index] != UInt8(ascii: ",") {
            daylightOffset = -(try parseTime(maxHours: 24))
        }
        parts.daylight = .init(utcOffsetSeconds: daylightOffset, abbreviation: daylightName, isDaylightSaving: true)
        if index < bytes.count {
            try expect(",")
            parts.start = try parseDateRule()
            try expect(",")
            parts.end = try parseDateRule()
        } else {
            // tzcode's default rule when a DST name has no rule: US rules.
            parts.start = .init(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            parts.end = .init(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        }
        guard index == bytes.count else { throw failure("trailing characters") }
        return parts
    }

    private func failure(_ what: String) -> ZoneDataError {
        ZoneDataError("invalid POSIX TZ string \"\(text)\": \(what) at offset \(index)")
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(ZoneDataError) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
            throw failure("expected '\(character)'")
        }
        index += 1
    }

    /// An abbreviation: three or more letters, or `<...>` with letters, digits, `+` and `-`.
    private mutating func parseName() throws(ZoneDataError) -> String {
        let begin: Int
        let finish: Int
        if index < bytes.count, bytes[index] == UInt8(ascii: "<") {
            begin = index + 1
            index = begin
            while index < bytes.count, isQuotedNameByte(bytes[index]) { index += 1 }
            finish = index
            try expect(">")
        } else {
            begin = index
            while index < bytes.count, isLetter(bytes[index]) { index += 1 }
            finish = index
        }
        guard finish - begin >= 3 else { throw failure("abbreviation too short") }
        return String(decoding: bytes[begin..<finish], as: UTF8.self)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private func isQuotedNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    private mutating func parseTime(maxHours: Int) throws(ZoneDataError) -> Int {
        var sign = 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
        }
        let hours = try parseNumber(maxValue: maxHours)
        var seconds = hours * 3600
        for multiplier in [60, 1] {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { break }
            index += 1
            seconds += try parseNumber(maxValue: 59) * multiplier
        }
        return sign * seconds
    }

    private mutating func parseNumber(maxValue: Int) throws(ZoneDataError) -> Int {
        var value = 0
        let begin = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, index - begin < 4 {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
        }
        guard index > begin, value <= maxValue else { throw failure("bad number") }
        return value
    }

    /// `Jn`, `n` or `Mm.w.d`, optionally followed by `/time`.
    private mutating func parseDateRule() throws(ZoneDataError) -> POSIXTimeZoneRule.DateRule {
        let day: POSIXTimeZoneRule.Day
        if index < bytes.count, bytes[index] == UInt8(ascii: "J") {
            index += 1
            let number = try parseNumber(maxValue: 365)
            guard number >= 1 else { throw failure("bad Julian day") }
            day = .julianNoLeap(number)
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "M") {
            index += 1
            let month = try parseNumber(maxValue: 12)
            try expect(".")
            let week = try parseNumber(maxValue: 5)
            try expect(".")
            let weekday = try parseNumber(maxValue: 6)
            guard month >= 1, week >= 1 else { throw failure("bad month rule") }
            day = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else {
            day = .zeroBased(try parseNumber(maxValue: 365))
        }
        var time = 7200
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
            index += 1
            time = try parseTime(maxHours: 167)
        }
        return .init(day: day, time: time)
    }
}
