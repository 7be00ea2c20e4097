import Foundation
import JavaScriptCompat
import ZoneTestSupport
import Testing

/// TZif parsing, on hand-made files and on the host's zone files.
@Suite struct TZifParserTests {
    let lmt = ZoneRules.LocalTime(utcOffsetSeconds: 3600 + 1800 + 7, abbreviation: "LMT")
    let plus01 = ZoneRules.LocalTime(utcOffsetSeconds: 3600, abbreviation: "+01")

    func sample(version: UInt8) -> TZifBuilder {
        TZifBuilder(version: version, transitions: [(-1_000_000, 1)], types: [(5407, false, 0), (3600, false, 4)],
                    abbreviations: "LMT\0+01\0", footer: "<+01>-1")
    }

    @Test func version1UsesTheOnlyBlock() throws {
        let rules = try TZifParser.parse(sample(version: 0).data)
        #expect(rules == ZoneRules(initial: lmt, transitions: [.init(instant: -1_000_000, localTime: plus01)]))
    }

    @Test(arguments: [UInt8(0x32), 0x33, 0x34])
    func laterVersionsUseThe64BitBlockAndFooter(_ version: UInt8) throws {
        var builder = sample(version: version)
        builder.transitions = [(-5_000_000_000, 1)]
        builder.leapCount = 1
        let rules = try TZifParser.parse(builder.data)
        #expect(rules.initial == lmt)
        #expect(rules.transitions == [.init(instant: -5_000_000_000, localTime: plus01)])
        #expect(rules.extensionRule?.text == "<+01>-1")
        #expect(rules.extensionRule?.standard == plus01)
        #expect(rules.localTime(at: -5_000_000_001) == lmt)
        #expect(rules.localTime(at: 0) == plus01)
    }

    @Test func emptyFooterMeansNoRule() throws {
        var builder = sample(version: 0x32)
        builder.footer = ""
        #expect(try TZifParser.parse(builder.data).extensionRule == nil)
    }

    @Test func rejectsMalformedFiles() throws {
        let good = sample(version: 0x32).data
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(Data("TZxf".utf8) + good.dropFirst(4)) }
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(good.prefix(good.count - 12)) }
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(good.dropLast()) }
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(Data()) }
        var badIndex = sample(version: 0x32)
        badIndex.transitions = [(0, 7)]
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(badIndex.data) }
        var unsorted = sample(version: 0x32)
        unsorted.transitions = [(10, 1), (5, 0)]
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(unsorted.data) }
        var badFooter = sample(version: 0x32)
        badFooter.footer = "<+01>-1<+02>,M3.5.0"
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(badFooter.data) }
        var noTypes = sample(version: 0)
        noTypes.types = []
        noTypes.transitions = []
        #expect(throws: ZoneDataError.self) { try TZifParser.parse(noTypes.data) }
    }

    @Test func readsNewYorkFromTheHost() throws {
        let data = try Data(contentsOf: HostZoneData.root.appendingPathComponent("America/New_York"))
        let rules = try TZifParser.parse(data)
        #expect(rules.initial == .init(utcOffsetSeconds: -17762, abbreviation: "LMT"))
        #expect(rules.transitions.first == .init(instant: -2_717_650_800, localTime: .init(utcOffsetSeconds: -18000, abbreviation: "EST")))
        #expect(rules.extensionRule?.text == "EST5EDT,M3.2.0,M11.1.0")
        // 2025-03-09T07:00Z and 2025-11-02T06:00Z, the oracle's US DST edges.
        #expect(rules.localTime(at: 1_741_503_599).abbreviation == "EST")
        #expect(rules.localTime(at: 1_741_503_600) == .init(utcOffsetSeconds: -14400, abbreviation: "EDT", isDaylightSaving: true))
        #expect(rules.localTime(at: 1_762_063_200).abbreviation == "EST")
        // After the file's last transition (2037) the footer decides.
        #expect(rules.localTime(at: 2_540_289_600).abbreviation == "EDT")
    }

    /// zic writes explicit transitions up to 2037 in Debian's (fat) files: the footer rule
    /// must reproduce them for every zone that has one. Palestine is the exception: its
    /// Ramadan-dependent transitions are listed explicitly and the footer only approximates them.
    @Test func footerAgreesWithExplicitTransitions() throws {
        let loaded = try HostZoneData.loaded.get()
        var checked = 0
        for (name, rules) in loaded.rulesByZone where !["Asia/Gaza", "Asia/Hebron"].contains(name) {
            guard let rule = rules.extensionRule, rule.daylight != nil else { continue }
            let explicit = rules.transitions.filter { $0.instant >= 2_145_916_800 - 3 * 31_622_400 && $0.instant < 2_145_916_800 }
            guard !explicit.isEmpty else { continue }
            let computed = (2034...2037).flatMap { rule.transitions(inYear: $0) }
                .filter { $0.instant >= explicit[0].instant && $0.instant < 2_145_916_800 }
            #expect(computed.map(\.instant) == explicit.map(\.instant), "\(name)")
            #expect(computed.map(\.localTime.utcOffsetSeconds) == explicit.map(\.localTime.utcOffsetSeconds), "\(name)")
            checked += 1
        }
        #expect(checked > 100)
    }
}
