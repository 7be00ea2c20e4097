import Foundation

/// Reads TZif files (RFC 8536, versions 1 to 4) as installed in /usr/share/zoneinfo.
///
/// Version 2+ files are read from their 64-bit section, and their footer (a POSIX TZ
/// string) becomes `ZoneRules.extensionRule`. Leap-second records are skipped (the
/// `right/` files are not what moment uses). The local time before the first transition
/// is time type 0, as RFC 8536 specifies.
public enum TZifParser {
    /// Parses a TZif file.
    public static func parse(_ data: Data) throws(ZoneDataError) -> ZoneRules {
        var reader = TZifReader(bytes: [UInt8](data))
        let first = try reader.header()
        guard first.version >= 2 else {
            return try reader.block(first, timeSize: 4)
        }
        try reader.skip(first.dataLength(timeSize: 4))
        let second = try reader.header()
        var rules = try reader.block(second, timeSize: 8)
        let footer = try reader.footer()
        if !footer.isEmpty {
            rules = ZoneRules(initial: rules.initial, transitions: rules.transitions,
                              extensionRule: try POSIXTimeZoneRule.parse(footer))
        }
        return rules
    }
}
