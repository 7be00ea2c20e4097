import ZoneTestSupport
import Testing
@testable import JavaScriptCompat

/// How zone rules become moment-timezone's period tables.
@Suite struct MomentZoneTests {
    @Test func newYorkIsWrittenOutTo2499() throws {
        let rules = try #require(HostZoneData.shared.rules(for: "America/New_York"))
        let zone = MomentZone(name: "America/New_York", rules: rules)
        // moment-timezone's packed America/New_York has 1161 periods, the last change on
        // 2499-11-01T06:00Z, then EST for ever.
        #expect(zone.untils.count == 1161)
        #expect(zone.untils[zone.untils.count - 2] == 16_719_976_800_000)
        #expect(zone.untils.last == .infinity)
        #expect(zone.abbreviations.last == "EST")
        let lmt: Double = 296 + 2 * (1.0 / 60)
        #expect(zone.offsets.first == lmt)
    }

    @Test func periodsNeverRepeat() throws {
        // A change of the DST flag alone (Europe/London 1968-1971, no-op 2038 markers of
        // zic) is no period boundary for moment.
        let loaded = try HostZoneData.loaded.get()
        for (name, rules) in loaded.rulesByZone {
            let zone = MomentZone(name: name, rules: rules)
            let repeated = zip(zone.abbreviations.indices.dropLast(), zone.abbreviations.indices.dropFirst()).filter {
                zone.abbreviations[$0.0] == zone.abbreviations[$0.1] && zone.offsets[$0.0] == zone.offsets[$0.1]
            }
            #expect(repeated.isEmpty, "\(name)")
            #expect(zip(zone.untils.dropLast(), zone.untils.dropFirst()).allSatisfy { $0 < $1 }, "\(name)")
        }
    }

    @Test func offsetsAreUnpackedLikeMomentsBase60() {
        // moment decodes "-4.q" as -(4 + 52 * (1/60)), which is not -(292 / 60) in binary.
        let unpacked: Double = -(4 + 52 * (1.0 / 60))
        let divided: Double = -292.0 / 60
        let newYorkLMT: Double = 296 + 2 * (1.0 / 60)
        #expect(MomentZone.minutesWest(292) == unpacked)
        #expect(MomentZone.minutesWest(292) != divided)
        #expect(MomentZone.minutesWest(-17762) == newYorkLMT)
        #expect(MomentZone.minutesWest(19800) == -330)
    }

    @Test func ruleOnlyZoneStartsIn1970() throws {
        let rule = try POSIXTimeZoneRule.parse("EST5EDT,M3.2.0,M11.1.0")
        let zone = MomentZone(name: "X", rules: ZoneRules(initial: rule.standard, extensionRule: rule))
        #expect(zone.abbreviations.prefix(3) == ["EST", "EDT", "EST"])
        #expect(zone.untils.first == 5_727_600_000) // 1970-03-08T07:00Z
        #expect(zone.untils.count == 2 * (2499 - 1970 + 1) + 1)
    }

    @Test func noRuleKeepsTheLastPeriod() {
        let zone = MomentZone(name: "X", rules: ZoneRules(initial: .init(utcOffsetSeconds: 3600, abbreviation: "A"),
                                                           transitions: [.init(instant: 100, localTime: .init(utcOffsetSeconds: 0, abbreviation: "B"))]))
        #expect(zone.untils == [100_000, .infinity])
        #expect(zone.abbreviation(at: 99_999) == "A")
        #expect(zone.abbreviation(at: 100_000) == "B")
        #expect(zone.abbreviation(at: 8.64e15) == "B")
    }
}
