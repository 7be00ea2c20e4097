import BuildActionCore

/// A `ZoneDatabase` over names and already parsed rules (rules keyed by Zone name).
struct InMemoryZoneDatabase: ZoneDatabase {
    let names: TZDataNames
    let rulesByZone: [String: ZoneRules]

    func canonicalName(for userName: String) -> String? {
        names.canonicalName(for: userName)
    }

    func rules(for canonicalName: String) -> ZoneRules? {
        names.zoneName(for: canonicalName).flatMap { rulesByZone[$0] }
    }
}
