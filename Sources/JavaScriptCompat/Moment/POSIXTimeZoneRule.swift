/// A POSIX TZ rule string (`EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`, ...) as found in the
/// footer of TZif version 2+ files, including the version 3 extensions (hours up to 167 and
/// negative times in the transition rules).
public struct POSIXTimeZoneRule: Sendable, Equatable {
    /// A day of the year in a transition rule.
    enum Day: Sendable, Equatable {
        /// `Jn`: day 1...365, February 29th never counted.
        case julianNoLeap(Int)
        /// `n`: day 0...365, February 29th counted.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    /// A transition rule: a day and a local time of day in seconds (may be negative or above 24 h).
    struct DateRule: Sendable, Equatable {
        let day: Day
        let time: Int
    }

    /// The rule text.
    public let text: String
    /// Standard time.
    public let standard: ZoneRules.LocalTime
    /// Daylight-saving time, nil for a zone without DST.
    public let daylight: ZoneRules.LocalTime?
    let start: DateRule?
    let end: DateRule?

    /// Parses a TZ string; an empty string is not a rule and throws.
    public static func parse(_ text: String) throws(ZoneDataError) -> POSIXTimeZoneRule {
        var scanner = POSIXRuleScanner(text)
        let rule = try scanner.parseRule()
        return POSIXTimeZoneRule(text: text, standard: rule.standard, daylight: rule.daylight, start: rule.start, end: rule.end)
    }

    /// The two DST transitions of `year` (UTC instants), in time order; empty without DST.
    public func transitions(inYear year: Int) -> [ZoneRules.Transition] {
        guard let daylight, let start, let end else { return [] }
        let startLocal = Self.dayNumber(start.day, year: year) * 86_400 + Int64(start.time)
        let endLocal = Self.dayNumber(end.day, year: year) * 86_400 + Int64(end.time)
        let toDaylight = ZoneRules.Transition(instant: startLocal - Int64(standard.utcOffsetSeconds), localTime: daylight)
        let toStandard = ZoneRules.Transition(instant: endLocal - Int64(daylight.utcOffsetSeconds), localTime: standard)
        // On a tie (DST all year) the start of DST wins.
        return toStandard.instant <= toDaylight.instant ? [toStandard, toDaylight] : [toDaylight, toStandard]
    }

    /// The local time this rule gives at `instant` (seconds since the epoch).
    public func localTime(at instant: Int64) -> ZoneRules.LocalTime {
        guard daylight != nil else { return standard }
        // Beyond ±2^52 s (142 million years) the year arithmetic would overflow; the rule
        // repeats every year anyway.
        let clamped = min(max(instant, -(1 << 52)), 1 << 52)
        let year = CivilDate(daysSinceEpoch: Self.floorDivide(clamped, 86_400)).year
        var current = standard
        for candidate in [year - 1, year, year + 1] {
            for transition in transitions(inYear: candidate) where transition.instant <= clamped {
                current = transition.localTime
            }
        }
        return current
    }

    /// Days since the epoch of the rule day in `year`.
    static func dayNumber(_ day: Day, year: Int) -> Int64 {
        let january1 = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
        switch day {
        case .julianNoLeap(let n):
            let leapShift: Int64 = CivilDate.isLeapYear(year) && n >= 60 ? 1 : 0
            return january1 + Int64(n - 1) + leapShift
        case .zeroBased(let n):
            return january1 + Int64(n)
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate(year: year, month: month, day: 1).daysSinceEpoch
            let firstWeekday = CivilDate.weekday(daysSinceEpoch: first)
            var day = first + Int64((weekday - firstWeekday + 7) % 7) + Int64(7 * (week - 1))
            let nextMonth = month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
            while day >= nextMonth.daysSinceEpoch { day -= 7 }
            return day
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
