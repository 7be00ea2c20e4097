/// The rules of one time zone: the local time in force before the first transition, the
/// transitions (UTC instants) with the local time each one starts, and an optional POSIX TZ
/// rule for instants after the last transition (a TZif footer).
public struct ZoneRules: Sendable, Equatable {
    /// A local time type: UTC offset, abbreviation and daylight-saving flag.
    public struct LocalTime: Sendable, Equatable {
        /// Offset from UTC in seconds, positive east of Greenwich.
        public let utcOffsetSeconds: Int
        /// Abbreviation such as `EST`, `CEST` or `+0530`.
        public let abbreviation: String
        /// Whether this is daylight-saving time.
        public let isDaylightSaving: Bool

        /// Creates a local time type.
        public init(utcOffsetSeconds: Int, abbreviation: String, isDaylightSaving: Bool = false) {
            self.utcOffsetSeconds = utcOffsetSeconds
            self.abbreviation = abbreviation
            self.isDaylightSaving = isDaylightSaving
        }
    }

    /// A change of local time at a UTC instant.
    public struct Transition: Sendable, Equatable {
        /// The instant, in seconds since 1970-01-01T00:00:00Z.
        public let instant: Int64
        /// The local time in force from `instant` on.
        public let localTime: LocalTime

        /// Creates a transition.
        public init(instant: Int64, localTime: LocalTime) {
            self.instant = instant
            self.localTime = localTime
        }
    }

    /// Local time before the first transition (for all time when there are none).
    public let initial: LocalTime
    /// Transitions in increasing instant order.
    public let transitions: [Transition]
    /// Rule for instants after the last transition (nil: the last local time stays).
    public let extensionRule: POSIXTimeZoneRule?

    /// Creates zone rules; `transitions` must be sorted by instant.
    public init(initial: LocalTime, transitions: [Transition] = [], extensionRule: POSIXTimeZoneRule? = nil) {
        self.initial = initial
        self.transitions = transitions
        self.extensionRule = extensionRule
    }

    /// The local time in force at `instant` (seconds since the epoch), applying
    /// `extensionRule` after the last transition.
    public func localTime(at instant: Int64) -> LocalTime {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].instant <= instant {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low > 0 else { return initial }
        let last = transitions[low - 1]
        if low == transitions.count, let rule = extensionRule {
            return rule.localTime(at: instant)
        }
        return last.localTime
    }
}
