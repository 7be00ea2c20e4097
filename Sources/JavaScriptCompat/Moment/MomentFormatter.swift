/// Formats an instant like moment-timezone's `moment(ms).tz(zone).format(format)` in the en locale.
///
/// Offsets, abbreviations and zone names come from a caller-supplied `ZoneDatabase`
/// (normally the IANA data of the host, read by the effects layer); the zone is laid out
/// as moment-timezone holds it (transitions written out to 2499, last offset after that).
public struct MomentFormatter: Sendable {
    private let mode: MomentInstant.Mode

    /// The zone name as moment-timezone spells it (`asia/tokyo` gives `Asia/Tokyo`; a link keeps
    /// its own name); nil for a local-mode formatter.
    public let zoneName: String?

    /// The default format of a UTC-mode moment with a zero offset.
    public static let defaultFormatUTC = "YYYY-MM-DDTHH:mm:ss[Z]"
    /// The default format of any other moment.
    public static let defaultFormat = "YYYY-MM-DDTHH:mm:ssZ"

    /// `zoneName` is the IANA name given by the user; returns nil when moment-timezone would not
    /// know it (then moment prints `noDataMessage(for:)` to stderr and keeps formatting in local
    /// time: use `localTime(database:hostZoneName:)` or `resolving(_:database:hostZoneName:)`).
    /// Names match as `database.canonicalName(for:)` decides (moment: case-insensitive, with
    /// `/` and `_` interchangeable); links (`US/Pacific`, `GMT`...) resolve.
    public init?(zoneName: String, database: some ZoneDatabase) {
        guard case .zone(let zone, let displayName) = MomentZoneResolver.lookup(zoneName, in: database) else {
            return nil
        }
        self.init(zone: zone, displayName: displayName)
    }

    private init(localHost zone: MomentZone) {
        mode = .local(host: zone)
        zoneName = nil
    }

    private init(zone: MomentZone, displayName: String) {
        mode = .zone(zone)
        zoneName = displayName
    }

    /// A moment left in local mode, as after `tz()` with an unknown name: wall-clock time of
    /// `hostZoneName` (the Node process zone; GitHub runners use UTC), empty `z`, and the default
    /// format ends in `+00:00` rather than `Z`. Falls back to UTC for an unknown host name.
    public static func localTime(database: some ZoneDatabase, hostZoneName: String = "UTC") -> MomentFormatter {
        if case .zone(let zone, _) = MomentZoneResolver.lookup(hostZoneName, in: database) {
            return MomentFormatter(localHost: zone)
        }
        return MomentFormatter(localHost: utcZone)
    }

    /// What `moment(...).tz(name).format` gives for a string `name`: the zone, or local mode
    /// when moment-timezone has no data for it (it then logs `noDataMessage(for:)`). Throws the
    /// JavaScript error text for `""` (tz() returns undefined) and for the names that crash
    /// moment-timezone (`constructor`, `__proto__`, any case).
    public static func resolving(
        _ zoneName: String, database: some ZoneDatabase, hostZoneName: String = "UTC"
    ) throws(MomentHelperError) -> MomentFormatter {
        if zoneName.isEmpty {
            throw MomentHelperError(message: "Cannot read properties of undefined (reading 'format')")
        }
        switch MomentZoneResolver.lookup(zoneName, in: database) {
        case .zone(let zone, let displayName):
            return MomentFormatter(zone: zone, displayName: displayName)
        case .notFound:
            return localTime(database: database, hostZoneName: hostZoneName)
        case .javaScriptError(let message):
            throw MomentHelperError(message: message)
        }
    }

    private static let utcZone = MomentZone(name: "Etc/UTC", abbreviations: ["UTC"], offsets: [0], untils: [.infinity])

    /// The line moment-timezone logs (console.error) when it has no data for `zoneName`.
    public static func noDataMessage(for zoneName: String) -> String {
        "Moment Timezone has no data for \(zoneName). See http://momentjs.com/timezone/docs/#/data-loading/."
    }

    /// `format` nil (or empty: moment treats every falsy format alike) means moment's default
    /// format (`YYYY-MM-DDTHH:mm:ssZ`, or `YYYY-MM-DDTHH:mm:ss[Z]` when the zone's offset is 0).
    /// Returns `Invalid date` outside JavaScript's Date range (±8.64e15 ms, also after the shift).
    public func format(millisecondsSinceEpoch: Int64, _ format: String?) -> String {
        guard let instant = MomentInstant(millisecondsSinceEpoch: millisecondsSinceEpoch, mode: mode) else {
            return "Invalid date"
        }
        let pattern: String
        if let format, !format.isEmpty {
            pattern = format
        } else {
            pattern = instant.isUTC ? Self.defaultFormatUTC : Self.defaultFormat
        }
        let renderer = MomentTokenRenderer(instant: instant)
        var output = ""
        for token in MomentFormatTokenizer.tokenize(pattern) {
            switch token {
            case .field(let name): output += renderer.render(name)
            case .literal(let text): output += text
            }
        }
        return output
    }

    /// Whether moment would consider the instant a valid date in this zone.
    public func isValid(millisecondsSinceEpoch: Int64) -> Bool {
        MomentInstant(millisecondsSinceEpoch: millisecondsSinceEpoch, mode: mode) != nil
    }
}
