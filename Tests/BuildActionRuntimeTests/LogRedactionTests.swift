import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// Credentials written into build arguments or cache attributes (not the `secrets` input, so
/// not known as secrets) never reach the log file: the log records command lines.
@Suite("Credentials in command lines are redacted from the log")
struct LogRedactionTests {
    static let values = ["ghp_LogRedaction0001", "AKIALOGREDACTION0002", "wJalrLogRedaction0003", "FwoGLogRedaction0004",
                         "gha-token-LogRedaction0005", "hunter2-LogRedaction0006", "npm-LogRedaction0007", "LogRedaction0008key"]

    static let arguments = [
        "buildx", "build", "--platform", "linux/amd64",
        "--build-arg", "GITHUB_TOKEN=\(values[0])", "--build-arg", "VERSION=1.2.3",
        "--build-arg", "DB_PASSWORD=\(values[5])", "--build-arg", "npm_auth_token=\(values[6])", "--build-arg", "SIGNING_KEY=\(values[7])",
        "--cache-from", "type=gha,url=http://127.0.0.1:1/cache,token=\(values[4]),scope=main",
        "--cache-to", "type=s3,region=eu-west-1,bucket=okf-cache,access_key_id=\(values[1]),secret_access_key=\(values[2]),session_token=\(values[3]),mode=max",
        "--secret", "id=npmrc,src=/home/x/.openkf-build/docker-config-abc123/secret-npmrc",
        ".",
    ]

    static func log() throws -> (OperationLog, String, String) {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-redact-")
        let path = directory + "/build-log.jsonl"
        return (try OperationLog(path: path, secrets: ["known-secret-LogRedaction"]), path, directory)
    }

    @Test func recordedCommandLineHoldsNoCredential() throws {
        let (log, path, directory) = try Self.log()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        log.record(phase: .build, operation: "buildx build", started: Date(), status: 0, command: Command("docker", Self.arguments))
        log.record(phase: .build, operation: "buildx build", started: Date(), status: 1,
                   detail: "failed to export cache: type=s3,secret_access_key=\(Self.values[2]) (GITHUB_TOKEN=\(Self.values[0]))")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for value in Self.values {
            #expect(!text.contains(value), "the log holds \(value): \(text)")
        }
        // What is not a credential stays readable.
        for kept in ["VERSION=1.2.3", "region=eu-west-1", "bucket=okf-cache", "mode=max", "scope=main", "id=npmrc", "GITHUB_TOKEN=***",
                     "secret_access_key=***", "access_key_id=***", "session_token=***", "token=***", "DB_PASSWORD=***"] {
            #expect(text.contains(kept), "\(kept) missing from \(text)")
        }
    }

    /// `redact` also serves the streamed build output, the failure summary and notifications.
    @Test func redactHidesCredentialAttributesInAnyText() throws {
        let (log, _, directory) = try Self.log()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let line = #"ERROR: failed to parse "type=s3,bucket=b,secret_access_key=\#(Self.values[2]),region=r": known-secret-LogRedaction"#
        #expect(log.redact(line) == #"ERROR: failed to parse "type=s3,bucket=b,secret_access_key=***,region=r": ***"#)
    }
}
