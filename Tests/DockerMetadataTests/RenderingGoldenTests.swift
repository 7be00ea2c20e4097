import Foundation
import Testing

@testable import DockerMetadata

/// The rendered outputs (GITHUB_OUTPUT values and bake definitions) against golden files in
/// Fixtures/golden. Re-record with `RECORD_GOLDEN=1 swift test`.
@Suite("Rendering golden files")
struct RenderingGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    static func rendered(_ scenario: MetadataEngineTests.Scenario, separators: (String, String, String) = ("\n", "\n", "\n")) throws -> String {
        var warnings: [String] = []
        let result = try MetadataEngineTests.run(scenario, warnings: &warnings)
        var text = ""
        for (name, value) in result.outputs(separators: separators, bakePaths: [:]) where !name.hasPrefix("bake-file") {
            text += "--- output \(name)\n\(value)\n"
        }
        for file in result.bakeFiles {
            text += "--- \(file.output)\n\(file.content)\n"
        }
        for warning in result.warnings {
            text += "--- warning\n\(warning)\n"
        }
        return text
    }

    static func check(_ name: String, _ actual: String) throws {
        let url = fixtures.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("\(name).txt differs at line \(line + 1): expected \(line < a.count ? String(a[line]) : "<end>") got \(line < b.count ? String(b[line]) : "<end>")")
        }
    }

    @Test func releaseToThreeRegistries() throws {
        let scenario = MetadataEngineTests.Scenario(
            name: "release", ref: "refs/tags/v1.2.3",
            tags: "type=schedule\ntype=ref,event=branch\ntype=ref,event=pr\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}\ntype=sha",
            images: "openim/openkf-server\nregistry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server\nghcr.io/openimsdk/openkf-server",
            labels: "maintainer=OpenIM \"team\"\n10=numeric key")
        try Self.check("release-three-registries", try Self.rendered(scenario))
    }

    @Test func noVersionWithCustomSeparators() throws {
        let scenario = MetadataEngineTests.Scenario(name: "none", ref: "refs/heads/dev", tags: "type=ref,event=tag", images: "a/b\nc/d", environment: ["DOCKER_METADATA_ANNOTATIONS_LEVELS": "index,manifest"])
        try Self.check("no-version-custom-separators", try Self.rendered(scenario, separators: (",", ";", " | ")))
    }
}
