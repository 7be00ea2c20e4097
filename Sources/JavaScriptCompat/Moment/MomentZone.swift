/// One zone as moment-timezone holds it: abbreviations and offsets valid until given instants.
///
/// moment-timezone's data lists every transition up to the end of 2499 (the POSIX rule of
/// the zone written out year by year) and keeps the last offset for all later instants;
/// consecutive periods with the same offset and abbreviation are one period (a change of
/// the DST flag alone is not a transition for moment).
struct MomentZone: Sendable {
    /// Canonical name of the zone data.
    let name: String
    /// Abbreviation of each period.
    let abbreviations: [String]
    /// Offset of each period in minutes, positive west of Greenwich (like `getTimezoneOffset`).
    let offsets: [Double]
    /// End (exclusive, milliseconds since the epoch) of each period; the last one is +infinity.
    let untils: [Double]

    /// First instant (2500-01-01T00:00:00Z, seconds) without transitions in moment's data.
    static let transitionHorizon = CivilDate(year: 2500, month: 1, day: 1).daysSinceEpoch * 86_400
    /// Year from which the POSIX rule is written out when a zone has no transitions at all.
    static let ruleOnlyStartYear = 1970

    /// A zone from already unpacked periods.
    init(name: String, abbreviations: [String], offsets: [Double], untils: [Double]) {
        self.name = name
        self.abbreviations = abbreviations
        self.offsets = offsets
        self.untils = untils
    }

    /// The zone moment-timezone would hold for `rules`.
    init(name: String, rules: ZoneRules) {
        var abbreviations = [rules.initial.abbreviation]
        var offsets = [Self.minutesWest(rules.initial.utcOffsetSeconds)]
        var untils: [Double] = []
        for transition in Self.transitionsToHorizon(rules) {
            let offset = Self.minutesWest(transition.localTime.utcOffsetSeconds)
            if transition.localTime.abbreviation == abbreviations.last, offset == offsets.last {
                continue
            }
            untils.append(Double(transition.instant) * 1000)
            abbreviations.append(transition.localTime.abbreviation)
            offsets.append(offset)
        }
        untils.append(.infinity)
        self.init(name: name, abbreviations: abbreviations, offsets: offsets, untils: untils)
    }

    /// The explicit transitions, then those of the extension rule up to the horizon.
    private static func transitionsToHorizon(_ rules: ZoneRules) -> [ZoneRules.Transition] {
        var result = rules.transitions.filter { $0.instant < transitionHorizon }
        guard let rule = rules.extensionRule else { return result }
        let last = rules.transitions.last?.instant
        let firstYear = last.map { CivilDate(daysSinceEpoch: floorDays($0)).year } ?? ruleOnlyStartYear
        let lastYear = CivilDate(daysSinceEpoch: floorDays(transitionHorizon - 1)).year
        guard firstYear <= lastYear else { return result }
        for year in firstYear...lastYear {
            for transition in rule.transitions(inYear: year) where transition.instant < transitionHorizon {
                if let last, transition.instant <= last { continue }
                result.append(transition)
            }
        }
        return result
    }

    private static func floorDays(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
    }

    /// Offset in minutes west as moment-timezone unpacks it from its base-60 data: whole
    /// minutes plus the remaining seconds times 1/60 (this rounding matters for LMT offsets).
    static func minutesWest(_ utcOffsetSeconds: Int) -> Double {
        let west = -utcOffsetSeconds
        let magnitude = west.magnitude
        let value = Double(magnitude / 60) + Double(magnitude % 60) * (1.0 / 60)
        return west < 0 ? -value : value
    }

    /// Index of the period containing the instant `time` (milliseconds).
    func periodIndex(at time: Double) -> Int {
        var low = 0
        var high = untils.count - 1
        while low < high {
            let middle = (low + high) / 2
            if untils[middle] <= time {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// moment's `_offset` (minutes east of Greenwich) after `tz()` at the instant `time`.
    func momentOffset(at time: Double) -> Double {
        var minutes = offsets[periodIndex(at: time)]
        if abs(minutes) < 16 {
            minutes /= 60
        }
        var input = -minutes
        if abs(input) < 16 {
            input *= 60
        }
        return input
    }

    /// Abbreviation in use at the instant `time`.
    func abbreviation(at time: Double) -> String {
        abbreviations[periodIndex(at: time)]
    }
}
