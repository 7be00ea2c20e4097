/// moment's week numbering: locale weeks (English: weeks start on Sunday, the week
/// holding January 1st is week 1) and ISO weeks (Monday, January 4th).
struct MomentWeekCalendar {
    /// First day of the week, 0 = Sunday.
    let firstWeekday: Int
    /// The January day (as `7 + dow - doy`) that is always in week 1.
    let dayOfYearRule: Int

    /// English locale weeks (`w`, `gggg`).
    static let locale = MomentWeekCalendar(firstWeekday: 0, dayOfYearRule: 6)
    /// ISO weeks (`W`, `GGGG`).
    static let iso = MomentWeekCalendar(firstWeekday: 1, dayOfYearRule: 4)

    /// Week number and week year of the date with ordinal day `dayOfYear` in `year`.
    func week(year: Int, dayOfYear: Int) -> (week: Int, year: Int) {
        let offset = firstWeekOffset(year)
        let week = floorDivide(dayOfYear - offset - 1, 7) + 1
        if week < 1 {
            return (week + weeksInYear(year - 1), year - 1)
        }
        let weeks = weeksInYear(year)
        if week > weeks {
            return (week - weeks, year + 1)
        }
        return (week, year)
    }

    /// Offset of the first week's first day relative to January 1st.
    private func firstWeekOffset(_ year: Int) -> Int {
        let firstWeekDay = 7 + firstWeekday - dayOfYearRule
        let days = CivilDate(year: year, month: 1, day: firstWeekDay).daysSinceEpoch
        let lag = (7 + CivilDate.weekday(daysSinceEpoch: days) - firstWeekday) % 7
        return -lag + firstWeekDay - 1
    }

    /// Number of weeks in the week year `year`.
    private func weeksInYear(_ year: Int) -> Int {
        let days = CivilDate.isLeapYear(year) ? 366 : 365
        return (days - firstWeekOffset(year) + firstWeekOffset(year + 1)) / 7
    }

    private func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
