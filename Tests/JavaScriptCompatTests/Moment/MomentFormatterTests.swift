import ZoneTestSupport
import Testing
@testable import JavaScriptCompat

/// API behaviour; every expected string below was observed on the oracle.
@Suite struct MomentFormatterTests {
    /// 2025-01-15T10:15:30Z, the oracle's default frozen clock.
    let clock: Int64 = 1_736_936_130_000
    /// 2025-01-14T22:45:07.123Z.
    let commit: Int64 = 1_736_894_707_123
    let db = HostZoneData.shared

    @Test func knownZonesFormat() throws {
        let shanghai = try #require(MomentFormatter(zoneName: "Asia/Shanghai", database: db))
        #expect(shanghai.format(millisecondsSinceEpoch: clock, "YYYY-MM-DD HH:mm:ss.SSS Z z") == "2025-01-15 18:15:30.000 +08:00 CST")
        let tokyo = try #require(MomentFormatter(zoneName: "asia/tokyo", database: db))
        #expect(tokyo.zoneName == "Asia/Tokyo")
        #expect(tokyo.format(millisecondsSinceEpoch: commit, "YYYY-MM-DD HH:mm:ss.SSS Z z") == "2025-01-15 07:45:07.123 +09:00 JST")
        let pacific = try #require(MomentFormatter(zoneName: "US/Pacific", database: db))
        #expect(pacific.zoneName == "US/Pacific")
        #expect(pacific.format(millisecondsSinceEpoch: clock, "YYYY-MM-DD HH:mm Z zz") == "2025-01-15 02:15 -08:00 PST")
        let gmtPlus5 = try #require(MomentFormatter(zoneName: "Etc/GMT+5", database: db))
        #expect(gmtPlus5.format(millisecondsSinceEpoch: clock, "YYYY-MM-DD HH:mm Z z") == "2025-01-15 05:15 -05:00 -05")
        let kiritimati = try #require(MomentFormatter(zoneName: "ETC/gmt-14", database: db))
        #expect(kiritimati.format(millisecondsSinceEpoch: clock, "LLLL") == "Thursday, January 16, 2025 12:15 AM")
        #expect(MomentFormatter(zoneName: "Asia_Tokyo", database: db)?.zoneName == "Asia/Tokyo")
    }

    @Test func defaultFormatDependsOnZeroOffset() throws {
        let utc = try #require(MomentFormatter(zoneName: "UTC", database: db))
        #expect(utc.format(millisecondsSinceEpoch: clock, nil) == "2025-01-15T10:15:30Z")
        #expect(utc.format(millisecondsSinceEpoch: clock, "") == "2025-01-15T10:15:30Z")
        let london = try #require(MomentFormatter(zoneName: "Europe/London", database: db))
        #expect(london.format(millisecondsSinceEpoch: clock, nil) == "2025-01-15T10:15:30Z")
        let tokyo = try #require(MomentFormatter(zoneName: "Asia/Tokyo", database: db))
        #expect(tokyo.format(millisecondsSinceEpoch: clock, nil) == "2025-01-15T19:15:30+09:00")
    }

    @Test(arguments: ["Mars/Base", "Z", "", " UTC", "posix/Asia/Tokyo", "localtime", "Factory", "asia/tokyo/", "toString"])
    func unknownZonesAreRejected(_ name: String) throws {
        #expect(MomentFormatter(zoneName: name, database: db) == nil)
    }

    @Test func unknownZoneFallsBackToLocalUTC() throws {
        let local = try MomentFormatter.resolving("Mars/Base", database: db)
        #expect(local.zoneName == nil)
        #expect(local.format(millisecondsSinceEpoch: clock, "YYYY-MM-DD HH:mm Z z") == "2025-01-15 10:15 +00:00 ")
        #expect(local.format(millisecondsSinceEpoch: clock, nil) == "2025-01-15T10:15:30+00:00")
        #expect(MomentFormatter.noDataMessage(for: "Mars/Base")
            == "Moment Timezone has no data for Mars/Base. See http://momentjs.com/timezone/docs/#/data-loading/.")
    }

    @Test(arguments: ["constructor", "CONSTRUCTOR", "__proto__"])
    func prototypeNamesThrow(_ name: String) {
        #expect(MomentFormatter(zoneName: name, database: db) == nil)
        #expect(throws: MomentHelperError(message: "(R || \"\").toLowerCase is not a function")) {
            try MomentFormatter.resolving(name, database: db)
        }
    }

    @Test func emptyZoneNameThrowsLikeUndefinedTz() {
        #expect(throws: MomentHelperError(message: "Cannot read properties of undefined (reading 'format')")) {
            try MomentFormatter.resolving("", database: db)
        }
    }

    @Test func outOfRangeDatesAreInvalid() throws {
        let newYork = try #require(MomentFormatter(zoneName: "America/New_York", database: db))
        let tokyo = try #require(MomentFormatter(zoneName: "Asia/Tokyo", database: db))
        let max: Int64 = 8_640_000_000_000_000
        #expect(newYork.format(millisecondsSinceEpoch: max, "Y YYYY-MM-DD HH:mm Z X x")
            == "+275760 275760-09-12 19:00 -05:00 8640000000000 8640000000000000")
        #expect(tokyo.format(millisecondsSinceEpoch: max, "YYYY") == "Invalid date")
        #expect(newYork.format(millisecondsSinceEpoch: -max, "YYYY") == "Invalid date")
        #expect(newYork.format(millisecondsSinceEpoch: max + 1, "YYYY") == "Invalid date")
        #expect(!tokyo.isValid(millisecondsSinceEpoch: max))
    }

    @Test func knownNamesIncludeZonesAndLinks() throws {
        let names = try HostZoneData.loaded.get().names
        #expect(names.allNames.contains("Asia/Shanghai"))
        #expect(names.allNames.contains("US/Pacific"))
        #expect(names.allNames.contains("Europe/Kiev"))
        #expect(!names.allNames.contains("Mars/Base"))
        #expect(!names.allNames.contains("Factory"))
        #expect(names.allNames.count == 597)
        #expect(names.version?.count == 5)
    }

    @Test(arguments: [
        (5.0, "5"), (1.5, "1.5"), (-3, "-3"), (0.0000001, "1e-7"), (1e23, "1e+23"),
        (8.64e15, "8640000000000000"),
    ])
    func javaScriptNumberText(_ value: Double, _ text: String) {
        #expect(JavaScriptNumber.string(value) == text)
    }
}

/// The formatter over in-memory data and far-future instants.
@Suite struct MomentFormatterDatabaseTests {
    let custom = InMemoryZoneDatabase(
        names: TZDataNames(version: "test", zones: ["Test/Zone", "Test/Missing"], links: ["Test/Alias": "Test/Zone"]),
        rulesByZone: ["Test/Zone": ZoneRules(
            initial: .init(utcOffsetSeconds: 3600, abbreviation: "TST"),
            transitions: [.init(instant: 1_700_000_000, localTime: .init(utcOffsetSeconds: -9000, abbreviation: "-0230"))])])

    @Test func inMemoryZonesAndLinks() throws {
        let zone = try #require(MomentFormatter(zoneName: "test_zone", database: custom))
        #expect(zone.zoneName == "Test/Zone")
        #expect(zone.format(millisecondsSinceEpoch: 0, "YYYY-MM-DD HH:mm Z z") == "1970-01-01 01:00 +01:00 TST")
        #expect(zone.format(millisecondsSinceEpoch: 1_700_000_000_000, nil) == "2023-11-14T19:43:20-02:30")
        let alias = try #require(MomentFormatter(zoneName: "TEST/ALIAS", database: custom))
        #expect(alias.zoneName == "Test/Alias")
        #expect(alias.format(millisecondsSinceEpoch: 0, "z") == "TST")
    }

    @Test func zonesWithoutRulesAreUnknown() throws {
        #expect(MomentFormatter(zoneName: "Test/Missing", database: custom) == nil)
        #expect(MomentFormatter(zoneName: "Asia/Tokyo", database: custom) == nil)
        let local = try MomentFormatter.resolving("Test/Missing", database: custom)
        #expect(local.zoneName == nil)
        #expect(local.format(millisecondsSinceEpoch: 0, nil) == "1970-01-01T00:00:00+00:00")
        let hosted = MomentFormatter.localTime(database: custom, hostZoneName: "Test/Zone")
        #expect(hosted.format(millisecondsSinceEpoch: 0, "HH:mm Z [z]z") == "01:00 +01:00 z")
    }

    @Test func helperUsesTheDatabase() throws {
        let output = try MomentDateHelper.evaluate(
            millisecondsSinceEpoch: 0, positional: [.string("HH:mm z")], hash: [(key: "tz", value: .string("Test/Alias"))],
            database: custom)
        #expect(output == MomentHelperOutput(text: "01:00 TST", consoleErrors: []))
        let unknown = try MomentDateHelper.evaluate(
            millisecondsSinceEpoch: 0, positional: [.string("HH:mm z")], hash: [(key: "tz", value: .string("Asia/Tokyo"))],
            database: custom)
        #expect(unknown == MomentHelperOutput(text: "00:00 ", consoleErrors: [MomentFormatter.noDataMessage(for: "Asia/Tokyo")]))
    }

    /// Oracle outputs: moment-timezone follows the zone's rule up to 2499, then keeps the
    /// last offset (Sydney stays on AEDT, New York on EST, even in June).
    @Test(arguments: [
        (Int64(2_540_289_600_000), "America/New_York", "2050-07-01T08:00:00.000-04:00 EDT EDT -0400 2540289600 2540289600000"),
        (2_540_289_600_000, "Australia/Sydney", "2050-07-01T22:00:00.000+10:00 AEST AEST +1000 2540289600 2540289600000"),
        (4_116_729_600_000, "Europe/London", "2100-06-15T09:00:00.000+01:00 BST BST +0100 4116729600 4116729600000"),
        (8_616_007_713_600_007, "America/New_York", "275000-06-01T07:00:00.007-05:00 EST EST -0500 8616007713600 8616007713600007"),
        (8_616_007_713_600_007, "Australia/Sydney", "275000-06-01T23:00:00.007+11:00 AEDT AEDT +1100 8616007713600 8616007713600007"),
    ])
    func farFuture(_ ms: Int64, _ zone: String, _ expected: String) throws {
        let formatter = try #require(MomentFormatter(zoneName: zone, database: HostZoneData.shared))
        #expect(formatter.format(millisecondsSinceEpoch: ms, "YYYY-MM-DDTHH:mm:ss.SSSZ z zz ZZ X x") == expected)
    }
}
