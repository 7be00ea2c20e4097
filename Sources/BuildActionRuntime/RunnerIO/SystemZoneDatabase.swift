import BuildActionCore
import Foundation
import JavaScriptCompat

/// The host's IANA time zone database (Debian's `tzdata`: `/usr/share/zoneinfo`, or `$TZDIR`),
/// read lazily: the name list (`tzdata.zi`) on the first look-up, each zone's TZif file when a
/// date expression first needs it.
public final class SystemZoneDatabase: ZoneDatabase, @unchecked Sendable {
    private let root: URL
    private let lock = NSLock()
    private var names: TZDataNames??
    private var cache: [String: ZoneRules] = [:]

    /// The database under `root`.
    public init(root: String) { self.root = URL(fileURLWithPath: root) }

    /// The database the environment points at (`TZDIR`, else /usr/share/zoneinfo).
    public convenience init(environment: [String: String]) {
        self.init(root: environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo")
    }

    /// moment-timezone's name matching over tzdata.zi's zones and links.
    public func canonicalName(for userName: String) -> String? {
        loadNames()?.canonicalName(for: userName)
    }

    /// The rules of a zone or link, parsed from its TZif file once.
    public func rules(for canonicalName: String) -> ZoneRules? {
        guard let zone = loadNames()?.zoneName(for: canonicalName) else { return nil }
        return lock.withLock {
            if let cached = cache[zone] { return cached }
            guard let data = try? Data(contentsOf: root.appendingPathComponent(zone)),
                let parsed = try? TZifParser.parse(data)
            else { return nil }
            cache[zone] = parsed
            return parsed
        }
    }

    private func loadNames() -> TZDataNames? {
        lock.withLock {
            if let names { return names }
            let text = try? String(contentsOf: root.appendingPathComponent("tzdata.zi"), encoding: .utf8)
            let parsed = text.flatMap { try? TZDataNames.parse($0) }
            names = .some(parsed)
            return parsed
        }
    }
}
