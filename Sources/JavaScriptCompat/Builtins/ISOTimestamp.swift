import Foundation

/// JavaScript's `Date.prototype.toISOString()`: `YYYY-MM-DDTHH:mm:ss.sssZ` in UTC, with an
/// expanded `±YYYYYY` year outside 0...9999.
public enum ISOTimestamp {
    /// The ISO string of `date` at millisecond precision (truncated toward the past).
    public static func string(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, dayMilliseconds) = floorDivide(milliseconds, 86_400_000)
        let civil = CivilDate(daysSinceEpoch: days)
        let (year, month, day) = (civil.year, civil.month, civil.day)
        let ms = Int(dayMilliseconds)
        let yearText: String
        if (0...9999).contains(year) {
            yearText = pad(year, 4)
        } else {
            yearText = (year < 0 ? "-" : "+") + pad(abs(year), 6)
        }
        return "\(yearText)-\(pad(month, 2))-\(pad(day, 2))T\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))Z"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
