/// The Zone and Link names of a tzdata.zi file (the compact zic input that tzdata installs
/// as /usr/share/zoneinfo/tzdata.zi), with moment-timezone's name matching.
public struct TZDataNames: Sendable, Equatable {
    /// The data version from the `# version 2025b` comment, if present.
    public let version: String?
    /// Zone names, in file order.
    public let zones: [String]
    /// Link name -> target name, as written in the file.
    public let links: [String: String]

    /// Names moment-timezone's data set leaves out although tzdata defines them.
    public static let namesUnknownToMoment: Set<String> = ["Factory"]

    private let displayNames: [String: String]
    private let zoneSet: Set<String>

    /// Creates a name set.
    public init(version: String?, zones: [String], links: [String: String]) {
        self.version = version
        self.zones = zones
        self.links = links
        var displayNames: [String: String] = [:]
        for name in zones + links.keys.sorted() where !Self.namesUnknownToMoment.contains(name) {
            displayNames[Self.normalize(name)] = name
        }
        self.displayNames = displayNames
        zoneSet = Set(zones)
    }

    /// Reads `Zone` (`Z`) and `Link` (`L`) lines; keywords may be abbreviated and are
    /// case-insensitive as for zic. Rule lines, zone continuation lines and comments are skipped.
    public static func parse(_ text: String) throws(ZoneDataError) -> TZDataNames {
        var version: String?
        var zones: [String] = []
        var links: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("# version ") {
                version = line.dropFirst("# version ".count).trimmingSpaces()
            }
            let fields = line.prefix { $0 != "#" }.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let keyword = fields.first?.lowercased() else { continue }
            if "zone".hasPrefix(keyword) {
                guard fields.count >= 2 else { throw ZoneDataError("tzdata.zi line \(number + 1): Zone without a name") }
                zones.append(String(fields[1]))
            } else if "link".hasPrefix(keyword) {
                guard fields.count >= 3 else { throw ZoneDataError("tzdata.zi line \(number + 1): Link needs a target and a name") }
                links[String(fields[2])] = String(fields[1])
            }
        }
        return TZDataNames(version: version, zones: zones, links: links)
    }

    /// moment-timezone's `normalizeName`: lower case, `/` replaced by `_`.
    public static func normalize(_ name: String) -> String {
        String(name.lowercased().map { $0 == "/" ? "_" : $0 })
    }

    /// The name as spelled in the data for a user-given name, matched like moment-timezone does
    /// (case-insensitive, `/` and `_` equivalent); nil when moment would have no data for it.
    public func canonicalName(for userName: String) -> String? {
        displayNames[Self.normalize(userName)]
    }

    /// The Zone whose rules a Zone or Link name uses (links are followed, also chains of them).
    public func zoneName(for name: String) -> String? {
        var current = name
        for _ in 0...links.count {
            guard let target = links[current] else { break }
            current = target
        }
        return zoneSet.contains(current) ? current : nil
    }

    /// Every name moment-timezone knows, sorted.
    public var allNames: [String] { displayNames.values.sorted() }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
