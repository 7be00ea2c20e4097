/// The state of `moment(ms).tz(zone)` (or of a local-mode moment) that formatting reads.
struct MomentInstant {
    /// How the moment's offset is determined.
    enum Mode: Sendable {
        /// `tz()` found the zone: moment-timezone data, UTC mode, zone abbreviations.
        case zone(MomentZone)
        /// `tz()` found no data: the moment stays in local mode of the host zone.
        case local(host: MomentZone)
    }

    /// `valueOf()`: milliseconds since the epoch as moment computes them back.
    let valueOf: Double
    /// moment's `utcOffset()` in minutes east of Greenwich (may carry a fraction for LMT).
    let offset: Double
    /// `_isUTC`: true for zone mode.
    let isUTCMode: Bool
    /// `zoneAbbr()` / `zoneName()`.
    let abbreviation: String
    /// The local wall-clock date.
    let date: CivilDate
    /// Day of the week, 0 = Sunday.
    let weekday: Int
    /// Local wall-clock hours, minutes, seconds, milliseconds.
    let hour: Int, minute: Int, second: Int, millisecond: Int
    /// Offset source used again by `startOf` computations.
    let mode: Mode

    /// Builds the state; nil when moment would report an invalid date.
    init?(millisecondsSinceEpoch ms: Int64, mode: Mode) {
        let time = Double(ms)
        guard abs(time) <= JSMath.maxTime else { return nil }
        let shifted: Double
        switch mode {
        case .zone(let zone):
            let input = zone.momentOffset(at: time)
            guard let local = JSMath.timeClip(time + input * 60000) else { return nil }
            shifted = local
            offset = input
            valueOf = local - input * 60000
            isUTCMode = true
            abbreviation = zone.abbreviation(at: valueOf)
        case .local(let host):
            let minutesWest = host.offsets[host.periodIndex(at: time)]
            guard let local = JSMath.timeClip(time - (minutesWest * 60).rounded() * 1000) else { return nil }
            shifted = local
            offset = -JSMath.round(minutesWest)
            valueOf = time
            isUTCMode = false
            abbreviation = ""
        }
        self.mode = mode
        let localMs = Int64(shifted)
        let days = localMs >= 0
            ? localMs / CivilDate.millisecondsPerDay
            : -((-localMs + CivilDate.millisecondsPerDay - 1) / CivilDate.millisecondsPerDay)
        let msOfDay = Int(localMs - days * CivilDate.millisecondsPerDay)
        date = CivilDate(daysSinceEpoch: days)
        weekday = CivilDate.weekday(daysSinceEpoch: days)
        hour = msOfDay / 3_600_000
        minute = msOfDay / 60000 % 60
        second = msOfDay / 1000 % 60
        millisecond = msOfDay % 1000
    }

    /// moment's `isUtc()`: UTC mode with a zero offset.
    var isUTC: Bool { isUTCMode && offset == 0 }

    /// `valueOf()` of `clone().startOf(...)` for the local date `day`: local midnight,
    /// with the offset re-resolved the way moment-timezone's keep-local-time update does.
    func startOfDayValue(_ day: CivilDate) -> Double {
        let localMidnight = Double(day.daysSinceEpoch) * Double(CivilDate.millisecondsPerDay)
        switch mode {
        case .zone(let zone):
            let first = zone.momentOffset(at: localMidnight - offset * 60000)
            return localMidnight - first * 60000
        case .local(let host):
            let guess = host.offsets[host.periodIndex(at: localMidnight)]
            let minutesWest = host.offsets[host.periodIndex(at: localMidnight + guess * 60000)]
            return localMidnight + (minutesWest * 60).rounded() * 1000
        }
    }

    /// `dayOfYear()`: rounded day difference between the starts of the day and of the year.
    var dayOfYear: Int {
        let startOfDay = startOfDayValue(date)
        let startOfYear = startOfDayValue(CivilDate(year: date.year, month: 1, day: 1))
        return Int(JSMath.round((startOfDay - startOfYear) / 864e5)) + 1
    }
}
