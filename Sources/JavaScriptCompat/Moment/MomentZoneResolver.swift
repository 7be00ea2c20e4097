/// Resolves user-given zone names the way moment-timezone's `tz(name)` does, over a
/// caller-supplied `ZoneDatabase`.
enum MomentZoneResolver {
    /// Outcome of looking a name up.
    enum Lookup {
        /// A zone, with the display name moment-timezone reports for it.
        case zone(MomentZone, displayName: String)
        /// moment-timezone has no data for the name.
        case notFound
        /// The name hits an `Object.prototype` member in moment-timezone's plain-object
        /// tables, which makes it throw this TypeError message.
        case javaScriptError(String)
    }

    /// All-lower-case members every JavaScript plain object inherits (names are
    /// lower-cased before the lookup, so only these can hit): moment-timezone then
    /// finds a function or object instead of zone data.
    private static let objectPrototypeMembers: Set<String> = ["constructor", "__proto__"]

    /// Looks a user-given zone name up.
    static func lookup(_ name: String, in database: some ZoneDatabase) -> Lookup {
        if let displayName = database.canonicalName(for: name) {
            guard let rules = database.rules(for: displayName) else { return .notFound }
            return .zone(MomentZone(name: displayName, rules: rules), displayName: displayName)
        }
        if objectPrototypeMembers.contains(TZDataNames.normalize(name)) {
            return .javaScriptError("(R || \"\").toLowerCase is not a function")
        }
        return .notFound
    }
}
