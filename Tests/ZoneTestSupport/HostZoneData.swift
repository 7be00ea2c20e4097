import Foundation
import JavaScriptCompat

/// The file-backed database of the tests: tzdata.zi and the TZif files of the host's
/// IANA database (Debian's `tzdata` package installs them in /usr/share/zoneinfo).
/// This is the effects-layer part; the library itself reads no files.
public enum HostZoneData {
    /// Where the host's zone files live.
    public static let root = URL(fileURLWithPath: "/usr/share/zoneinfo")

    /// The loaded database, or the reason it could not be loaded.
    public static let loaded: Result<InMemoryZoneDatabase, ZoneDataError> = load(root: root)

    /// The loaded database; an empty one when loading failed (tests then fail visibly).
    public static var shared: InMemoryZoneDatabase {
        (try? loaded.get()) ?? InMemoryZoneDatabase(names: TZDataNames(version: nil, zones: [], links: [:]), rulesByZone: [:])
    }

    /// Zones listed in zone1970.tab: those distinct since 1970. Debian also installs Zones
    /// outside it (backzone copies of upstream links, legacy `MET`, `EST5EDT`...).
    public static let zones1970: Set<String> = {
        guard let text = try? String(contentsOf: root.appendingPathComponent("zone1970.tab"), encoding: .utf8) else {
            return []
        }
        return Set(text.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: "\t")
            return line.hasPrefix("#") || fields.count < 3 ? nil : String(fields[2])
        })
    }()

    /// Reads tzdata.zi and the TZif file of every Zone it lists.
    public static func load(root: URL) -> Result<InMemoryZoneDatabase, ZoneDataError> {
        do {
            let text = try String(contentsOf: root.appendingPathComponent("tzdata.zi"), encoding: .utf8)
            let names = try TZDataNames.parse(text)
            var rules: [String: ZoneRules] = [:]
            for zone in names.zones {
                let data = try Data(contentsOf: root.appendingPathComponent(zone))
                rules[zone] = try TZifParser.parse(data)
            }
            return .success(InMemoryZoneDatabase(names: names, rulesByZone: rules))
        } catch let error as ZoneDataError {
            return .failure(error)
        } catch {
            return .failure(ZoneDataError("\(error)"))
        }
    }
}
