import Testing
@testable import DockerMetadata

private func identifiers(_ ids: [SemVerIdentifier]) -> [IdentifierFixture] {
    ids.map { id in
        switch id {
        case .number(let n): return IdentifierFixture(n: n, s: nil)
        case .string(let s): return IdentifierFixture(n: nil, s: s)
        }
    }
}

private func expectSame(_ actual: SemVer?, _ expected: SemVerObjectFixture?, _ input: String) {
    guard let expected else {
        #expect(actual == nil, "expected null for \(input.debugDescription)")
        return
    }
    guard let actual else {
        Issue.record("expected a SemVer for \(input.debugDescription)")
        return
    }
    #expect(actual.raw == expected.raw)
    #expect(actual.loose == expected.loose)
    #expect([actual.major, actual.minor, actual.patch] == [expected.major, expected.minor, expected.patch])
    #expect(identifiers(actual.prerelease) == expected.prerelease)
    #expect(actual.build == expected.build)
    #expect(actual.version == expected.version)
}

@Suite("node-semver 7.x (recorded from the bundled library)")
struct SemVerTests {
    @Test("semver.valid", arguments: Fixtures.semver)
    func valid(_ probe: SemVerFixture) {
        #expect(SemVer.valid(probe.input) == probe.valid)
    }

    @Test("semver.prerelease", arguments: Fixtures.semver)
    func prerelease(_ probe: SemVerFixture) {
        #expect(SemVer.prerelease(probe.input).map(identifiers) == probe.prerelease)
    }

    @Test("semver.parse strict", arguments: Fixtures.semver)
    func parseStrict(_ probe: SemVerFixture) {
        expectSame(SemVer.parse(probe.input, loose: false), probe.strict, probe.input)
    }

    @Test("semver.parse loose", arguments: Fixtures.semver)
    func parseLoose(_ probe: SemVerFixture) {
        expectSame(SemVer.parse(probe.input, loose: true), probe.loose, probe.input)
    }

    @Test("fixtures cover both outcomes")
    func coverage() {
        #expect(Fixtures.semver.count > 100)
        #expect(Fixtures.semver.contains { $0.valid == nil && $0.loose != nil })
        #expect(Fixtures.semver.contains { $0.valid != nil && $0.prerelease != nil })
        #expect(Fixtures.semver.contains { $0.valid == nil && $0.loose == nil })
    }

    @Test("backtracking quirk: loose 1.2.345.x is patch 34, prerelease [5, x]")
    func looseBacktracking() {
        let parsed = SemVer.parse("1.2.345.x", loose: true)
        #expect(parsed?.patch == 34)
        #expect(parsed?.prerelease == [.number(5), .string("x")])
        #expect(SemVer.valid("1.2.345.x") == nil)
    }
}
