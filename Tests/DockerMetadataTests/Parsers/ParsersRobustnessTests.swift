import Testing
@testable import DockerMetadata

@Suite("Long inputs (iterative matcher, no call-stack growth)")
struct RobustnessTests {
    @Test("very long PEP 440 releases are matched and explained", arguments: [1_000, 100_000])
    func longRelease(_ segments: Int) {
        let version = "1" + String(repeating: ".2", count: segments)
        #expect(PEP440.valid(version) == version)
        #expect(PEP440.explain(version)?.release.count == segments + 1)
        #expect(PEP440.valid(version + "x") == nil)
    }

    @Test("node-semver rejects strings longer than 256 UTF-16 units before trimming")
    func semverMaxLength() {
        let padded = String(repeating: " ", count: 251) + "1.2.3"
        #expect(SemVer.parse(padded, loose: true)?.version == "1.2.3")
        #expect(SemVer.parse(" " + padded, loose: true) == nil)
    }

    @Test("100 000 csv records")
    func manyRecords() throws {
        let input = String(repeating: "a,\"b\"\n", count: 100_000)
        let list = try CSVListParser.inputList(input)
        #expect(list.count == 100_000)
        #expect(list.first == "a,b")
    }
}
