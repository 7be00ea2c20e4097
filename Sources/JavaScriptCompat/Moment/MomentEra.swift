/// The English locale's eras (AD from 0001-01-01, BC up to 0000-12-31), with the era
/// bounds taken as midnight of the host zone (UTC) like moment does.
enum MomentEra {
    case annoDomini, beforeChrist

    /// Start of 0001-01-01 in UTC, milliseconds.
    static let adSince = Double(CivilDate(year: 1, month: 1, day: 1).daysSinceEpoch) * 864e5
    /// Start of 0000-12-31 in UTC, milliseconds.
    static let bcSince = Double(CivilDate(year: 0, month: 12, day: 31).daysSinceEpoch) * 864e5

    /// The era containing the start of the moment's local day, or nil when it falls between the bounds.
    static func of(_ instant: MomentInstant) -> MomentEra? {
        let value = instant.startOfDayValue(instant.date)
        if adSince <= value { return .annoDomini }
        if value <= bcSince { return .beforeChrist }
        return nil
    }

    /// `eraYear()`.
    static func year(_ instant: MomentInstant) -> Int {
        switch of(instant) {
        case .annoDomini: return instant.date.year
        case .beforeChrist: return 1 - instant.date.year
        case nil: return instant.date.year
        }
    }

    /// `eraAbbr()` (`N`, `NN`, `NNN`) and `eraNarrow()` (`NNNNN`).
    var abbreviation: String { self == .annoDomini ? "AD" : "BC" }
    /// `eraName()` (`NNNN`).
    var name: String { self == .annoDomini ? "Anno Domini" : "Before Christ" }
}
