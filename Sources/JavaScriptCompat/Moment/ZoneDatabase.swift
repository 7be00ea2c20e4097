/// A source of time zone data for `MomentFormatter` and `MomentDateHelper`. The library
/// never reads files: the caller supplies the data (for example tzdata.zi and TZif files
/// from /usr/share/zoneinfo, parsed with `TZDataNames` and `TZifParser`).
public protocol ZoneDatabase: Sendable {
    /// The known name matching `userName` as moment-timezone matches names, spelled as in
    /// the data; nil when unknown. Implementations should use `TZDataNames.canonicalName(for:)`.
    func canonicalName(for userName: String) -> String?
    /// The rules of a name returned by `canonicalName(for:)` (a Zone, or a Link whose target's
    /// rules are returned); nil when unavailable (treated as unknown).
    func rules(for canonicalName: String) -> ZoneRules?
}
