import JavaScriptCompat
import Testing
@testable import DockerMetadata

private func render(_ value: Double?) -> String {
    value.map { JavaScriptNumber.string($0) } ?? "null"
}

@Suite("@renovate/pep440 1.x (recorded from the bundled library)")
struct PEP440Tests {
    @Test("valid", arguments: Fixtures.pep440)
    func valid(_ probe: PEP440Fixture) {
        #expect(PEP440.valid(probe.input) == probe.valid)
    }

    @Test("clean", arguments: Fixtures.pep440)
    func clean(_ probe: PEP440Fixture) {
        #expect(PEP440.clean(probe.input) == probe.clean)
    }

    @Test("major, minor, patch (nil where the library throws)", arguments: Fixtures.pep440)
    func numbers(_ probe: PEP440Fixture) {
        let expected = [probe.major, probe.minor, probe.patch].map { $0.hasPrefix("THROWS ") ? "null" : $0 }
        let actual = [PEP440.major(probe.input), PEP440.minor(probe.input), PEP440.patch(probe.input)].map(render)
        #expect(actual == expected)
    }

    @Test("explain", arguments: Fixtures.pep440)
    func explain(_ probe: PEP440Fixture) {
        let actual = PEP440.explain(probe.input)
        guard let expected = probe.explain else {
            #expect(actual == nil)
            return
        }
        guard let actual else {
            Issue.record("expected an explanation")
            return
        }
        #expect(JavaScriptNumber.string(actual.epoch) == expected.epoch)
        #expect(actual.release.map { JavaScriptNumber.string($0) } == expected.release)
        #expect(actual.pre?.label == expected.pre?.label)
        #expect(actual.pre.map { JavaScriptNumber.string($0.number) } == expected.pre?.number)
        #expect(actual.post.map { JavaScriptNumber.string($0) } == expected.post)
        #expect(actual.dev.map { JavaScriptNumber.string($0) } == expected.dev)
        #expect(actual.local == expected.local)
        #expect(actual.publicVersion == expected.public)
        #expect(actual.baseVersion == expected.base_version)
        #expect(actual.isPrerelease == expected.is_prerelease)
        #expect(actual.isDevrelease == expected.is_devrelease)
        #expect(actual.isPostrelease == expected.is_postrelease)
    }

    @Test("fixtures cover both outcomes")
    func coverage() {
        #expect(Fixtures.pep440.count > 100)
        #expect(Fixtures.pep440.contains { $0.valid == nil && $0.clean != nil })
        #expect(Fixtures.pep440.contains { $0.valid == nil && $0.clean == nil })
        #expect(Fixtures.pep440.contains { $0.explain?.is_postrelease == true })
    }

    @Test("clean joins local segments with a comma, explain with a dot")
    func localQuirk() {
        #expect(PEP440.clean("1.0+local.7") == "1.0+local,7")
        #expect(PEP440.explain("1.0+local.7")?.local == "local.7")
    }
}

@Suite("JavaScript Number rendering")
struct JSNumberTests {
    @Test("Number::toString", arguments: [
        (0.0, "0"), (7.0, "7"), (1e20, "100000000000000000000"), (1e21, "1e+21"),
        (1152921504606846976.0, "1152921504606847000"), (1.2345678901234569e23, "1.2345678901234569e+23"),
        (Double.infinity, "Infinity"), (0.5, "0.5"), (1e-7, "1e-7"), (0.000001, "0.000001"), (-3.0, "-3")
    ])
    func toString(_ value: Double, _ expected: String) {
        #expect(JavaScriptNumber.string(value) == expected)
    }

    @Test("Number(alphanumeric)", arguments: [
        ("007", 7.0), ("1e5", 100000.0), ("0x1F", 31.0), ("0b101", 5.0), ("0o17", 15.0), ("Infinity", Double.infinity)
    ])
    func fromAlphanumeric(_ text: String, _ expected: Double) {
        #expect(JavaScriptNumber.number(text) == expected)
    }

    @Test("NaN for non-numbers", arguments: ["abc", "0x", "e5", "1e", "infinity", "0b102", "0o8", "1a"])
    func notANumber(_ text: String) {
        #expect(JavaScriptNumber.number(text).isNaN)
    }
}
