/// HTTP dates (`Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`): the IMF-fixdate form and the two
/// obsolete forms recipients must still accept (RFC 850 and asctime).
/// https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7
import JavaScriptCompat

public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Seconds since 1970-01-01 UTC, or nil when `text` is not an HTTP date.
    public static func secondsSince1970(_ text: String) -> Int64? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        switch words.count {
        case 6 where words[5] == "gmt":
            // IMF-fixdate: day-name, DD Mon YYYY HH:MM:SS GMT
            return make(day: words[1], month: words[2], year: words[3], time: words[4])
        case 4 where words[3] == "gmt":
            // RFC 850: weekday, DD-Mon-YY HH:MM:SS GMT (two-digit years: the nearest century
            // not more than 50 years ahead, RFC 9110 section 5.6.7)
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let short = Int(parts[2]), parts[2].count == 2 else { return nil }
            let year = short < 70 ? 2000 + short : 1900 + short
            return make(day: parts[0], month: parts[1], year: String(year), time: words[2])
        case 5:
            // asctime: Mon DD HH:MM:SS YYYY
            return make(day: words[2], month: words[1], year: words[4], time: words[3])
        default:
            return nil
        }
    }

    private static func make(day: String, month: String, year: String, time: String) -> Int64? {
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard let monthIndex = months.firstIndex(of: month), let dayNumber = Int(day), let yearNumber = Int(year),
              (1...31).contains(dayNumber), yearNumber >= 1970, clock.count == 3,
              (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let days = CivilDate(year: yearNumber, month: monthIndex + 1, day: dayNumber).daysSinceEpoch
        return days * 86_400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2])
    }
}
