/// Renders moment's formatting tokens (English locale) for one `MomentInstant`.
struct MomentTokenRenderer {
    let instant: MomentInstant

    static let months = ["January", "February", "March", "April", "May", "June", "July",
                         "August", "September", "October", "November", "December"]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Every token moment 2.30 registers a formatting function for.
    static let fieldTokens: Set<String> = [
        "M", "MM", "Mo", "MMM", "MMMM", "Q", "Qo", "D", "DD", "Do", "DDD", "DDDD", "DDDo",
        "d", "do", "dd", "ddd", "dddd", "e", "E", "w", "ww", "wo", "W", "WW", "Wo",
        "Y", "YY", "YYYY", "YYYYY", "YYYYYY", "y", "yo", "yy", "yyy", "yyyy",
        "N", "NN", "NNN", "NNNN", "NNNNN", "gg", "gggg", "ggggg", "GG", "GGGG", "GGGGG",
        "a", "A", "H", "HH", "h", "hh", "k", "kk", "hmm", "hmmss", "Hmm", "Hmmss",
        "m", "mm", "s", "ss", "S", "SS", "SSS", "SSSS", "SSSSS", "SSSSSS", "SSSSSSS",
        "SSSSSSSS", "SSSSSSSSS", "z", "zz", "Z", "ZZ", "X", "x",
    ]

    /// Whether `token` is a formatting token (else it is output literally).
    static func isFieldToken(_ token: String) -> Bool {
        fieldTokens.contains(token)
    }

    /// The text of a formatting token.
    func render(_ token: String) -> String {
        if let text = renderDate(token) ?? renderWeek(token) ?? renderYear(token) {
            return text
        }
        return renderTime(token) ?? renderZone(token) ?? token
    }

    private var hour12: Int { instant.hour % 12 == 0 ? 12 : instant.hour % 12 }

    private func renderDate(_ token: String) -> String? {
        let month = instant.date.month, day = instant.date.day, weekday = instant.weekday
        switch token {
        case "M": return String(month)
        case "MM": return MomentText.zeroFill(month, 2)
        case "Mo": return MomentText.ordinal(month)
        case "MMM": return String(Self.months[month - 1].prefix(3))
        case "MMMM": return Self.months[month - 1]
        case "Q": return String((month + 2) / 3)
        case "Qo": return MomentText.ordinal((month + 2) / 3)
        case "D": return String(day)
        case "DD": return MomentText.zeroFill(day, 2)
        case "Do": return MomentText.ordinal(day)
        case "DDD": return String(instant.dayOfYear)
        case "DDDD": return MomentText.zeroFill(instant.dayOfYear, 3)
        case "DDDo": return MomentText.ordinal(instant.dayOfYear)
        case "d", "e": return String(weekday)
        case "do": return MomentText.ordinal(weekday)
        case "dd": return String(Self.weekdays[weekday].prefix(2))
        case "ddd": return String(Self.weekdays[weekday].prefix(3))
        case "dddd": return Self.weekdays[weekday]
        case "E": return String(weekday == 0 ? 7 : weekday)
        default: return nil
        }
    }

    private func renderWeek(_ token: String) -> String? {
        guard let first = token.first, "wWgG".contains(first) else { return nil }
        let calendar: MomentWeekCalendar = first == "w" || first == "g" ? .locale : .iso
        let value = calendar.week(year: instant.date.year, dayOfYear: instant.dayOfYear)
        switch token {
        case "w", "W": return String(value.week)
        case "ww", "WW": return MomentText.zeroFill(value.week, 2)
        case "wo", "Wo": return MomentText.ordinal(value.week)
        case "gg", "GG": return MomentText.zeroFill(value.year % 100, 2)
        case "gggg", "GGGG": return MomentText.zeroFill(value.year, 4)
        case "ggggg", "GGGGG": return MomentText.zeroFill(value.year, 5)
        default: return nil
        }
    }

    private func renderYear(_ token: String) -> String? {
        let year = instant.date.year
        switch token {
        case "Y": return year <= 9999 ? MomentText.zeroFill(year, 4) : "+\(year)"
        case "YY": return MomentText.zeroFill(year % 100, 2)
        case "YYYY": return MomentText.zeroFill(year, 4)
        case "YYYYY": return MomentText.zeroFill(year, 5)
        case "YYYYYY": return MomentText.zeroFill(year, 6, forceSign: true)
        case "y": return String(MomentEra.year(instant))
        case "yo": return MomentText.ordinal(MomentEra.year(instant))
        case "yy", "yyy", "yyyy": return MomentText.zeroFill(MomentEra.year(instant), token.count)
        case "N", "NN", "NNN", "NNNNN": return MomentEra.of(instant)?.abbreviation ?? ""
        case "NNNN": return MomentEra.of(instant)?.name ?? ""
        default: return nil
        }
    }

    private func renderTime(_ token: String) -> String? {
        let hour = instant.hour, minute = instant.minute, second = instant.second
        switch token {
        case "a": return hour > 11 ? "pm" : "am"
        case "A": return hour > 11 ? "PM" : "AM"
        case "H": return String(hour)
        case "HH": return MomentText.zeroFill(hour, 2)
        case "h": return String(hour12)
        case "hh": return MomentText.zeroFill(hour12, 2)
        case "k": return String(hour == 0 ? 24 : hour)
        case "kk": return MomentText.zeroFill(hour == 0 ? 24 : hour, 2)
        case "hmm": return "\(hour12)" + MomentText.zeroFill(minute, 2)
        case "hmmss": return "\(hour12)" + MomentText.zeroFill(minute, 2) + MomentText.zeroFill(second, 2)
        case "Hmm": return "\(hour)" + MomentText.zeroFill(minute, 2)
        case "Hmmss": return "\(hour)" + MomentText.zeroFill(minute, 2) + MomentText.zeroFill(second, 2)
        case "m": return String(minute)
        case "mm": return MomentText.zeroFill(minute, 2)
        case "s": return String(second)
        case "ss": return MomentText.zeroFill(second, 2)
        default: return renderFraction(token)
        }
    }

    /// `S` ... `SSSSSSSSS`: tenths, hundredths, then milliseconds padded with zeros.
    private func renderFraction(_ token: String) -> String? {
        guard token.first == "S" else { return nil }
        let ms = instant.millisecond
        switch token.count {
        case 1: return String(ms / 100)
        case 2: return MomentText.zeroFill(ms / 10, 2)
        default:
            var scaled = ms
            for _ in 3..<token.count { scaled *= 10 }
            return MomentText.zeroFill(scaled, token.count)
        }
    }

    private func renderZone(_ token: String) -> String? {
        switch token {
        case "z", "zz": return instant.abbreviation
        case "Z": return MomentText.offset(instant.offset, separator: ":")
        case "ZZ": return MomentText.offset(instant.offset, separator: "")
        case "X": return JavaScriptNumber.string((instant.valueOf / 1000).rounded(.down))
        case "x": return JavaScriptNumber.string(instant.valueOf)
        default: return nil
        }
    }
}
