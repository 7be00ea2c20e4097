import BuildActionCore
import Testing

/// What a run reports, decided and rendered from one value: failures (tolerated or not), the
/// step's own outputs, the summary.
@Suite struct JobReportTests {
    static let digest = Digest("sha256:" + String(repeating: "a", count: 64))!

    static func image(_ name: String, _ status: PublicationStatus?, digest: Digest? = digest, attestations: Bool = true) throws -> JobReport.Image {
        JobReport.Image(name: name, reference: try ImageReference(parsing: name), status: status, digest: digest, attestations: attestations)
    }

    static func report(_ images: [JobReport.Image], continueOnError: Bool = false, tags: [String] = ["1.2.3", "latest"]) -> JobReport {
        JobReport(decision: "push event: images are pushed", images: images, tags: tags, platforms: "linux/amd64,linux/arm64", digest: digest,
                  buildMetadata: "{}", sizes: [(platform: "linux/amd64", bytes: 3_145_728)], skippedLogins: [], phases: [(phase: .build, seconds: 12.5)],
                  logFile: ".openkf-build/build-log.jsonl", digestFile: nil, continueOnError: continueOnError)
    }

    static let refused = PublicationStatus.failed(message: "401 Unauthorized", hint: "Check the token's write:packages scope.")

    @Test func allPushed() throws {
        let report = Self.report([try Self.image("docker.io/openim/openkf-server", .pushed), try Self.image("ghcr.io/openimsdk/openkf-server", .pushed, attestations: false)])
        #expect(report.succeeded && report.pushed && report.failures.isEmpty && report.errors.isEmpty)
        let outputs = Dictionary(uniqueKeysWithValues: report.outputs.map { ($0.name, $0.value) })
        #expect(report.outputs.map(\.name) == ["digest", "digests", "metadata", "pushed", "registries", "log-file", "digest-file"])
        #expect(outputs["pushed"] == "true")
        #expect(outputs["registries"] == #"{"docker.io/openim/openkf-server":{"status":"pushed","digest":""# + "\(Self.digest)" + #"","attestations":true,"tags":["1.2.3","latest"]},"#
            + #""ghcr.io/openimsdk/openkf-server":{"status":"pushed","digest":""# + "\(Self.digest)" + #"","attestations":false,"tags":["1.2.3","latest"]}}"#)
        #expect(report.summary.markdown.contains("(without attestations)"))
    }

    @Test func oneFailureFailsTheStep() throws {
        let report = Self.report([try Self.image("docker.io/openim/openkf-server", .pushed), try Self.image("ghcr.io/openimsdk/openkf-server", Self.refused)])
        #expect(!report.succeeded && report.pushed)
        #expect(report.failures == [JobReport.PrintedFailure(message: "Publishing ghcr.io/openimsdk/openkf-server failed: 401 Unauthorized",
                                                             hint: "Check the token's write:packages scope.", tolerated: false)])
        #expect(report.errors == ["Publishing ghcr.io/openimsdk/openkf-server failed: 401 Unauthorized"])
        #expect(report.outputs.first { $0.name == "registries" }?.value.contains(#""status":"failed","digest":""# + "\(Self.digest)" + #"","attestations":true,"tags":["1.2.3","latest"],"error":"401 Unauthorized""#) == true)
        #expect(report.summary.markdown.contains("- `ghcr.io/openimsdk/openkf-server`: 401 Unauthorized\n  Check the token's write:packages scope."))
    }

    /// continue-on-registry-error tolerates failures only while another image name was published.
    @Test func continueOnErrorNeedsOneSuccess() throws {
        let some = Self.report([try Self.image("docker.io/openim/openkf-server", .pushed), try Self.image("ghcr.io/openimsdk/openkf-server", Self.refused)],
                               continueOnError: true)
        #expect(some.succeeded && some.failures.map(\.tolerated) == [true] && some.errors.isEmpty)
        let none = Self.report([try Self.image("ghcr.io/openimsdk/openkf-server", Self.refused)], continueOnError: true)
        #expect(!none.succeeded && none.failures.map(\.tolerated) == [false] && !none.pushed)
    }

    /// On a pull request nothing is attempted: no failures, `registries` is empty, the summary
    /// says "not pushed".
    @Test func nothingAttempted() throws {
        let report = Self.report([try Self.image("ghcr.io/openimsdk/openkf-server", nil, digest: nil)])
        #expect(report.succeeded && !report.pushed && report.attempted.isEmpty)
        #expect(report.outputs.first { $0.name == "registries" }?.value == "{}")
        #expect(report.outputs.first { $0.name == "pushed" }?.value == "false")
        #expect(report.summary.markdown.contains("| not pushed |"))
    }
}
