import JavaScriptCompat

/// A `ZoneDatabase` over names and already parsed rules (rules keyed by Zone name).
public struct InMemoryZoneDatabase: ZoneDatabase {
    public let names: TZDataNames
    public let rulesByZone: [String: ZoneRules]

    /// A database over `names` and the rules parsed for each Zone.
    public init(names: TZDataNames, rulesByZone: [String: ZoneRules]) {
        self.names = names
        self.rulesByZone = rulesByZone
    }

    /// The canonical Zone name for a name or link a user wrote.
    public func canonicalName(for userName: String) -> String? {
        names.canonicalName(for: userName)
    }

    /// The parsed rules of a canonical Zone.
    public func rules(for canonicalName: String) -> ZoneRules? {
        names.zoneName(for: canonicalName).flatMap { rulesByZone[$0] }
    }
}
