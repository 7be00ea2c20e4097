import Foundation
import JavaScriptCompat
import ZoneTestSupport
import Testing

@testable import DockerMetadata

/// The engine in-process: each tag type, flavor, expression, label and rejection path on a
/// fixed context. Expected values were checked against docker/metadata-action v6.2.0.
@Suite("Metadata engine (src/meta.ts)")
struct MetadataEngineTests {
    static let sha = "860c1904a1ce19322e91ac35af1ab07466440c37"
    static let now = Date(timeIntervalSince1970: 1_736_936_130)  // 2025-01-15T10:15:30Z
    static let repository = RepositoryInfo(
        name: "openkf", description: "OpenKF server", htmlURL: "https://github.com/openimsdk/openkf",
        licenseSPDX: "Apache-2.0", defaultBranch: "main")

    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        var event = "push"
        var ref = "refs/heads/main"
        var tags = ""
        var flavor = ""
        var images = "openim/openkf-server"
        var labels = ""
        var environment: [String: String] = [:]
        var payload: JSONValue = .object(["repository": .object(["default_branch": .string("main")])])
        var commitDate: Date? = Date(timeIntervalSince1970: 1_730_794_811)  // 2024-11-05T08:20:11Z
        var testDescription: String { name }
    }

    static func run(_ scenario: Scenario, warnings: inout [String]) throws(MetadataError) -> MetadataResult {
        var environment = scenario.environment
        environment["INPUT_TAGS"] = scenario.tags
        environment["INPUT_FLAVOR"] = scenario.flavor
        environment["INPUT_IMAGES"] = scenario.images
        environment["INPUT_LABELS"] = scenario.labels
        environment["INPUT_GITHUB-TOKEN"] = "t"
        let inputs = try MetadataInputs(environment: environment)
        let context = GitHubContext(
            eventName: scenario.event, sha: sha, ref: scenario.ref, payload: scenario.payload,
            repository: RepositorySlug(owner: "openimsdk", name: "openkf"), commitDate: scenario.commitDate)
        let engine = try MetadataEngine(inputs: inputs, context: context.adjustedForWorkflow(prHeadSHA: environment["DOCKER_METADATA_PR_HEAD_SHA"]), repository: repository, settings: MetadataSettings(environment: environment, now: now), zones: HostZoneData.shared)
        return try engine.run(warnings: &warnings)
    }

    static func tagNames(_ scenario: Scenario) throws -> [String] {
        var warnings: [String] = []
        return try run(scenario, warnings: &warnings).tagNames
    }

    @Test(arguments: [
        (Scenario(name: "default rules on main"), ["main"]),
        (Scenario(name: "default rules on a tag", ref: "refs/tags/v1.2.3"), ["v1.2.3", "latest"]),
        (Scenario(name: "default rules on a PR", event: "pull_request", ref: "refs/pull/15/merge"), ["pr-15"]),
        (Scenario(name: "default rules on schedule", event: "schedule"), ["nightly", "main"]),
        (Scenario(name: "semver all patterns", ref: "refs/tags/v1.2.3", tags: "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}\ntype=semver,pattern={{raw}}"), ["1.2.3", "1.2", "1", "v1.2.3", "latest"]),
        (Scenario(name: "semver prerelease keeps version", ref: "refs/tags/v2.0.0-rc.1", tags: "type=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{raw}}"), ["2.0.0-rc.1", "v2.0.0-rc.1"]),
        (Scenario(name: "semver from value and match", tags: "type=semver,pattern={{version}},value=app/v1.4.2,match=v(\\d+\\.\\d+\\.\\d+)$"), ["1.4.2", "latest"]),
        (Scenario(name: "pep440", ref: "refs/tags/1.0.0rc1", tags: "type=pep440,pattern={{major}}.{{minor}}\ntype=pep440,pattern={{raw}}"), ["1.0.0rc1"]),
        (Scenario(name: "pep440 final", ref: "refs/tags/2.3.4", tags: "type=pep440,pattern={{major}}.{{minor}}\ntype=pep440,pattern={{version}}"), ["2.3", "2.3.4", "latest"]),
        (Scenario(name: "match groups", ref: "refs/tags/v1.2.3", tags: "type=match,pattern=v(\\d+)\\.(\\d+),group=2"), ["2", "latest"]),
        (Scenario(name: "match regex literal with flags", ref: "refs/tags/RELEASE-2024", tags: "type=match,pattern=/release-(\\d+)/i,group=1"), ["2024", "latest"]),
        (Scenario(name: "edge on default branch", tags: "type=edge\ntype=edge,branch=dev"), ["edge"]),
        (Scenario(name: "edge on other branch", ref: "refs/heads/dev", tags: "type=edge\ntype=edge,branch=dev"), ["edge"]),
        (Scenario(name: "ref pr with prefix", event: "pull_request", ref: "refs/pull/7/merge", tags: "type=ref,event=pr,prefix=pull-,suffix=-x"), ["pull-7-x"]),
        (Scenario(name: "raw expressions", ref: "refs/heads/feature/a&b", tags: "type=raw,value={{branch}}-{{sha}}-{{is_default_branch}}"), ["feature-a-amp-b-860c190-false"]),
        (Scenario(name: "sha formats", tags: "type=sha\ntype=sha,format=long,prefix="), ["sha-860c190", sha]),
        (Scenario(name: "sha length from env", tags: "type=sha", environment: ["DOCKER_METADATA_SHORT_SHA_LENGTH": "10"]), ["sha-860c1904a1"]),
        (Scenario(name: "latest on default branch idiom", tags: "type=ref,event=branch\ntype=raw,value=latest,enable={{is_default_branch}}"), ["main", "latest"]),
        (Scenario(name: "flavor prefix and onlatest", ref: "refs/tags/v1.2.3", tags: "type=semver,pattern={{version}}", flavor: "prefix=app-,onlatest=true\nsuffix=-slim"), ["app-1.2.3-slim", "app-latest"]),
        (Scenario(name: "flavor latest=false", ref: "refs/tags/v1.2.3", tags: "type=semver,pattern={{version}}", flavor: "latest=false"), ["1.2.3"]),
        (Scenario(name: "schedule with date", event: "schedule", tags: "type=schedule,pattern={{date 'YYYYMMDD-HHmm' tz='Asia/Shanghai'}}"), ["20250115-1815"]),
        (Scenario(name: "duplicates removed", tags: "type=raw,value=a\ntype=raw,value=b\ntype=raw,value=a\ntype=raw,value=b"), ["a", "b"]),
        (Scenario(name: "disabled rule", tags: "type=raw,value=a,enable=false\ntype=raw,value=b"), ["b"]),
    ])
    func tagNames(_ scenario: Scenario, _ expected: [String]) throws {
        #expect(try Self.tagNames(scenario) == expected)
    }

    /// The main step gives the commit's time for `created` (a re-run of a release builds the
    /// same image); the date helper in tags still reads "now"; a user's label still wins.
    @Test func createdFromTheSettings() throws {
        let inputs = try MetadataInputs(environment: ["INPUT_TAGS": "type=raw,value={{date 'YYYYMMDD'}}", "INPUT_IMAGES": "ghcr.io/o/r", "INPUT_GITHUB-TOKEN": "t"])
        let context = GitHubContext(eventName: "push", sha: Self.sha, ref: "refs/heads/main", payload: .object([:]),
                                    repository: RepositorySlug(owner: "openimsdk", name: "openkf"), commitDate: nil)
        let commit = Date(timeIntervalSince1970: 1_730_794_811)  // 2024-11-05T08:20:11Z
        var warnings: [String] = []
        let result = try MetadataEngine(inputs: inputs, context: context, repository: Self.repository,
                                        settings: MetadataSettings(now: Self.now, created: commit), zones: HostZoneData.shared).run(warnings: &warnings)
        #expect(result.labels.contains("org.opencontainers.image.created=2024-11-05T08:20:11.000Z"))
        #expect(result.annotations.contains("org.opencontainers.image.created=2024-11-05T08:20:11.000Z"))
        #expect(result.tagNames == ["20250115"])
        let plain = try MetadataEngine(inputs: inputs, context: context, repository: Self.repository,
                                       settings: MetadataSettings(now: Self.now), zones: HostZoneData.shared).run(warnings: &warnings)
        #expect(plain.labels.contains("org.opencontainers.image.created=2025-01-15T10:15:30.000Z"))
    }

    @Test func fullTagsCrossImagesLowerCased() throws {
        var warnings: [String] = []
        let result = try Self.run(Scenario(name: "images", ref: "refs/tags/v1.2.3", tags: "type=semver,pattern={{version}}", images: "Docker.io/OpenIM/App\nname=ghcr.io/x/y,enable=false\nghcr.io/openimsdk/app"), warnings: &warnings)
        #expect(result.tags == ["docker.io/openim/app:1.2.3", "docker.io/openim/app:latest", "ghcr.io/openimsdk/app:1.2.3", "ghcr.io/openimsdk/app:latest"])
        #expect(warnings.isEmpty)
    }

    @Test func warningsForVersionsThatDoNotParse() throws {
        var warnings: [String] = []
        let result = try Self.run(Scenario(name: "bad versions", ref: "refs/tags/release-x", tags: "type=semver,pattern={{version}}\ntype=pep440,pattern={{version}}\ntype=match,pattern=\\d+"), warnings: &warnings)
        #expect(result.version.main == nil)
        #expect(result.warnings == [
            "release-x is not a valid semver. More info: https://semver.org/",
            "release-x does not conform to PEP 440. More info: https://www.python.org/dev/peps/pep-0440",
            "\\d+ does not match release-x.",
            "No Docker image version has been generated. Check tags input.",
            "No Docker tag has been generated. Check tags input.",
        ])
    }

    @Test func labelsDerivedOverriddenAndSorted() throws {
        var warnings: [String] = []
        let result = try Self.run(Scenario(name: "labels", labels: "b=2\nA=1\norg.opencontainers.image.title=Custom\nnoequals\nx={{branch}}&"), warnings: &warnings)
        #expect(result.labels == [
            "A=1", "b=2",
            "org.opencontainers.image.created=2025-01-15T10:15:30.000Z",
            "org.opencontainers.image.description=OpenKF server",
            "org.opencontainers.image.licenses=Apache-2.0",
            "org.opencontainers.image.revision=\(Self.sha)",
            "org.opencontainers.image.source=https://github.com/openimsdk/openkf",
            "org.opencontainers.image.title=Custom",
            "org.opencontainers.image.url=https://github.com/openimsdk/openkf",
            "org.opencontainers.image.version=main",
            "x=main&",
        ])
    }

    @Test func annotationLevels() throws {
        var warnings: [String] = []
        let result = try Self.run(Scenario(name: "levels", environment: ["DOCKER_METADATA_ANNOTATIONS_LEVELS": "manifest,index"]), warnings: &warnings)
        #expect(result.leveledAnnotations.count == 16)
        #expect(result.leveledAnnotations.first == "manifest:org.opencontainers.image.created=2025-01-15T10:15:30.000Z")
        #expect(result.leveledAnnotations[8] == "index:org.opencontainers.image.created=2025-01-15T10:15:30.000Z")
    }

    @Test(arguments: [
        (Scenario(name: "enable not boolean", tags: "type=raw,value=a,enable=yes"), "Invalid value for enable attribute: yes"),
        (Scenario(name: "bad regex", ref: "refs/tags/v1", tags: "type=match,pattern=v(\\d+"), "Invalid regular expression: /v(\\d+/: Unterminated group"),
        (Scenario(name: "unknown date attribute", tags: "type=raw,value={{date 'YYYY' zone='UTC'}}"), "Unknown zone attribute"),
        (Scenario(name: "missing helper", tags: "type=raw,value={{nope 'x'}}"), "Missing helper: \"nope\""),
        (Scenario(name: "handlebars parse error", tags: "type=raw,value={{ branch"), "Parse error on line 1:\n{{ branch\n---^\nExpecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'INVALID'"),
        (Scenario(name: "csv quote not closed", tags: "type=raw,\"value=oops"), "Quote Not Closed: the parsing is finished with an opening quote at line 1"),
    ])
    func rejects(_ scenario: Scenario, _ message: String) {
        var warnings: [String] = []
        do {
            _ = try Self.run(scenario, warnings: &warnings)
            Issue.record("accepted \(scenario.name)")
        } catch {
            #expect(error.message == message)
        }
    }

    /// `Meta.sanitizeTag`: runs of characters outside `[a-zA-Z0-9._-]` become one `-`.
    @Test(arguments: [("feat/a&b c", "feat-a-b-c"), ("ünï版本", "-n-"), ("ok._-", "ok._-"), ("a  b", "a-b")])
    func tagSanitizing(_ raw: String, _ sanitized: String) {
        #expect(ImageVersion.sanitizeTag(raw) == sanitized)
    }
}
