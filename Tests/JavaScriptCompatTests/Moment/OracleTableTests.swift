import Foundation
import JavaScriptCompat
import ZoneTestSupport
import Testing

/// Table tests against the recorded oracle outputs, run over the host's IANA database
/// (/usr/share/zoneinfo). Mismatches must be explained by a `KnownDeviation`.
@Suite struct OracleTableTests {
    let database = HostZoneData.shared

    /// A probe whose output differs from the oracle.
    struct Mismatch: CustomStringConvertible {
        let ms: Int64, zone: String, format: String, actual: String, expected: String
        let deviation: KnownDeviation?
        var description: String { "\(zone) @\(ms) '\(format)': got '\(actual)' expected '\(expected)'" }
    }

    /// Formats every probe of `group`; returns the mismatches.
    func mismatches(in group: OracleFixture.FormatGroup) throws -> [Mismatch] {
        var result: [Mismatch] = []
        var formatters: [String: MomentFormatter] = [:]
        for probe in group.probes {
            let zone = probe[0] ?? "UTC"
            let format = probe[1] ?? ""
            let expected = probe[2] ?? ""
            let formatter = try formatters[zone] ?? MomentFormatter.resolving(zone, database: database)
            formatters[zone] = formatter
            let actual = formatter.format(millisecondsSinceEpoch: group.ms, format.isEmpty ? nil : format)
            if actual != expected {
                let deviation = KnownDeviation.explaining(
                    zone: zone, ms: group.ms, names: database.names, zones1970: HostZoneData.zones1970)
                result.append(Mismatch(ms: group.ms, zone: zone, format: format, actual: actual,
                                       expected: expected, deviation: deviation))
            }
            if format.isEmpty {
                #expect(formatter.format(millisecondsSinceEpoch: group.ms, "") == actual)
            }
        }
        return result
    }

    @Test func fixtureAndDatabaseAreLoaded() throws {
        let fixture = OracleFixture.shared
        #expect(fixture.format_cases.count > 90)
        #expect(fixture.format_cases.reduce(0) { $0 + $1.probes.count } > 1500)
        #expect(fixture.helper_cases.count > 40)
        let loaded = try HostZoneData.loaded.get()
        #expect(loaded.rulesByZone.count == loaded.names.zones.count)
        #expect(HostZoneData.zones1970.contains("Europe/Paris"))
    }

    @Test(arguments: OracleFixture.shared.format_cases)
    func formatMatchesOracle(_ group: OracleFixture.FormatGroup) throws {
        let unexplained = try mismatches(in: group).filter { $0.deviation == nil }
        #expect(unexplained.isEmpty, "\(unexplained.count) mismatches, e.g. \(unexplained.prefix(8))")
    }

    /// Deviations stay rare, and each kind only hits its own zones and eras.
    @Test func deviationsAreRare() throws {
        var total = 0
        var all: [Mismatch] = []
        for group in OracleFixture.shared.format_cases {
            total += group.probes.count
            all += try mismatches(in: group)
        }
        #expect(all.count * 50 < total, "\(all.count) of \(total) probes differ")
        for mismatch in all where mismatch.deviation == .backzoneBefore1970 {
            #expect(mismatch.ms < 0)
        }
        if let path = ProcessInfo.processInfo.environment["MOMENT_ORACLE_DUMP"] {
            let lines = ["total\t\(total)\tmismatches\t\(all.count)"] + all.map {
                "\($0.deviation?.rawValue ?? "UNEXPLAINED")\t\($0.ms)\t\($0.zone)\t\($0.format)\t\($0.actual)\t\($0.expected)"
            }
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test(arguments: OracleFixture.shared.helper_cases)
    func helperMatchesOracle(_ helperCase: OracleFixture.HelperCase) {
        do {
            let output = try MomentDateHelper.evaluate(
                millisecondsSinceEpoch: helperCase.ms,
                positional: helperCase.positional.map(\.helperValue),
                hash: helperCase.hash.map { (key: $0.key, value: $0.value.helperValue) },
                database: database
            )
            #expect(helperCase.error == nil, "expected error \(helperCase.error ?? "")")
            #expect(output.text == helperCase.expected)
            #expect(output.consoleErrors == helperCase.console)
        } catch {
            #expect(error.message == helperCase.error)
            #expect(helperCase.expected == nil)
        }
    }
}
