import JavaScriptCompat

/// Documented reasons why the host's IANA data (Debian `tzdata` 2025b, built with
/// `backzone`) gives other results than the data set bundled in metadata-action v6.2.0
/// (upstream IANA 2026b as packed by moment-timezone). A mismatch without one is a bug.
enum KnownDeviation: String, CaseIterable, Sendable {
    /// tzdata 2026b: British Columbia stays on UTC-7 ("MST") from 2026-11-01T09:00Z; 2025b
    /// keeps switching between PST and PDT (America/Vancouver and its link Canada/Pacific).
    case britishColumbia2026
    /// tzdata 2024b turned `MET` into a link to Europe/Brussels (abbreviations CET/CEST);
    /// Debian's backzone build keeps the old `MET` Zone (MET/MEST).
    case legacyMET
    /// Before 1970, names that upstream merges into other zones (links such as Europe/Oslo,
    /// Africa/Accra, CET, EST5EDT; moment's copies Asia/Brunei, Asia/Kuala_Lumpur) have their
    /// own backzone history and LMT on Debian. Such Zones are not listed in zone1970.tab.
    case backzoneBefore1970

    /// 2026-11-01T09:00:00Z, when America/Vancouver goes from PDT to MST in 2026b.
    static let britishColumbiaChange: Int64 = 1_793_523_600_000

    /// The deviation that explains a mismatch for the user-given `zone` at `ms`, if any.
    static func explaining(zone: String, ms: Int64, names: TZDataNames, zones1970: Set<String>) -> KnownDeviation? {
        guard let canonical = names.canonicalName(for: zone), let zoneName = names.zoneName(for: canonical) else {
            return nil
        }
        if zoneName == "America/Vancouver", ms >= britishColumbiaChange {
            return .britishColumbia2026
        }
        if zoneName == "MET" {
            return .legacyMET
        }
        if ms < 0, !zones1970.contains(zoneName) {
            return .backzoneBefore1970
        }
        return nil
    }
}
