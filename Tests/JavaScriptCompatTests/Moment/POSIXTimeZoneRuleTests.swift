import JavaScriptCompat
import Testing

/// POSIX TZ strings (TZif footers).
@Suite struct POSIXTimeZoneRuleTests {
    func instants(_ text: String, _ year: Int) throws -> [Int64] {
        try POSIXTimeZoneRule.parse(text).transitions(inYear: year).map(\.instant)
    }

    @Test func monthWeekDayRules() throws {
        // Oracle DST edges: US 2025-03-09T07:00Z / 2025-11-02T06:00Z, EU 2025-03-30T01:00Z /
        // 2025-10-26T01:00Z, Sydney 2025-04-05T16:00Z (end) and 2025-10-04T16:00Z.
        #expect(try instants("EST5EDT,M3.2.0,M11.1.0", 2025) == [1_741_503_600, 1_762_063_200])
        #expect(try instants("CET-1CEST,M3.5.0,M10.5.0/3", 2025) == [1_743_296_400, 1_761_440_400])
        #expect(try instants("AEST-10AEDT,M10.1.0,M4.1.0/3", 2025) == [1_743_868_800, 1_759_593_600])
        // Negative and above-24h times (version 3): Nuuk and Jerusalem.
        #expect(try instants("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 2025) == [1_743_296_400, 1_761_440_400])
        #expect(try instants("IST-2IDT,M3.4.4/26,M10.5.0", 2025) == [1_743_120_000, 1_761_433_200])
    }

    @Test func parsesNamesAndOffsets() throws {
        let rule = try POSIXTimeZoneRule.parse("<+0545>-5:45")
        #expect(rule.standard == .init(utcOffsetSeconds: 20700, abbreviation: "+0545"))
        #expect(rule.daylight == nil)
        #expect(rule.transitions(inYear: 2025).isEmpty)
        #expect(rule.localTime(at: 0) == rule.standard)
        let chatham = try POSIXTimeZoneRule.parse("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45")
        #expect(chatham.daylight == .init(utcOffsetSeconds: 49500, abbreviation: "+1345", isDaylightSaving: true))
        let explicitDST = try POSIXTimeZoneRule.parse("XXX3YYY1:30:15,J60/0,300/0")
        #expect(explicitDST.daylight?.utcOffsetSeconds == -5415)
    }

    @Test func julianAndZeroBasedDays() throws {
        // J60 is March 1st every year; day 59 (zero-based) is Feb 29th in leap years.
        let rule = try POSIXTimeZoneRule.parse("AAA0BBB,J60/0,59/0")
        let leap = rule.transitions(inYear: 2024).map(\.instant)
        #expect(leap == [1_709_164_800 - 3600, 1_709_251_200])
        let common = rule.transitions(inYear: 2025).map(\.instant)
        #expect(common == [1_740_787_200 - 3600, 1_740_787_200])
    }

    @Test func localTimeAroundTheYearBoundary() throws {
        let sydney = try POSIXTimeZoneRule.parse("AEST-10AEDT,M10.1.0,M4.1.0/3")
        #expect(sydney.localTime(at: 1_735_689_600).abbreviation == "AEDT") // 2025-01-01T00:00Z
        #expect(sydney.localTime(at: 1_751_328_000).abbreviation == "AEST") // 2025-07-01
        let allYear = try POSIXTimeZoneRule.parse("EST5EDT4,0/0,J365/25")
        #expect(allYear.localTime(at: 1_735_689_600).abbreviation == "EDT")
        #expect(allYear.localTime(at: 1_751_328_000).abbreviation == "EDT")
        #expect(sydney.localTime(at: .max).abbreviation == "AEDT")
        #expect(sydney.localTime(at: .min).abbreviation == "AEDT")
    }

    @Test func dstNameWithoutRuleUsesUSRules() throws {
        #expect(try instants("EST5EDT", 2025) == [1_741_503_600, 1_762_063_200])
    }

    @Test(arguments: ["", "AB5", "EST", "EST5EDT,M3.2.0", "EST5EDT,M13.2.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
                      "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J100", "EST5EDT,366,0", "EST25", "<+01-1", "EST5 ",
                      "EST5EDT,M3.2.0/168,M11.1.0"])
    func rejectsMalformedStrings(_ text: String) {
        #expect(throws: ZoneDataError.self) { try POSIXTimeZoneRule.parse(text) }
    }
}
