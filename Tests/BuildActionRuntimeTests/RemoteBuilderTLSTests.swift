import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// The remote builder's certificates and key reach buildx as 0600 files in the private
/// configuration, never in argv, and are masked before anything is printed.
@Suite("Remote builder TLS files")
struct RemoteBuilderTLSTests {
    static let ca = "-----BEGIN CERTIFICATE-----\nMIIBcaCAcaCAcaCAcaCAcaCAcaCAcaCAcaCA\n-----END CERTIFICATE-----\n"
    static let cert = "-----BEGIN CERTIFICATE-----\nMIIBclientCERTclientCERTclientCERTcl\n-----END CERTIFICATE-----"
    static let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKeyMaterialKeyMaterialKeyMat\nS2V5TWF0ZXJpYWxLZXlNYXQ=\n-----END EC PRIVATE KEY-----\n"
    static let material = ["MIIBcaCAcaCAcaCAcaCAcaCAcaCAcaCAcaCA", "MIIBclientCERTclientCERTclientCERTcl", "MHcCAQEEIKeyMaterialKeyMaterialKeyMat", "S2V5TWF0ZXJpYWxLZXlNYXQ="]

    static var environment: [String: String] {
        ["INPUT_BUILDER-ENDPOINT": "tcp://buildkitd.example.com:1234", "INPUT_BUILDER-TLS-CA": ca, "INPUT_BUILDER-TLS-CERT": cert,
         "INPUT_BUILDER-TLS-KEY": key, "INPUT_BUILDER-TLS-SERVER-NAME": "buildkitd.internal", "GITHUB_RUN_ID": "31"]
    }

    @Test func certificatesAndKeyGoThroughFilesOnly() async throws {
        let home = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-tls-")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let runner = RecordingRunner(status: 0)
        let session = try DockerSession.open(home: home, runner: runner)
        let log = try OperationLog(path: home + "/log.jsonl", secrets: [])
        let inputs = try BuildActionInputs(environment: Self.environment)
        let command = BuildCommand(environment: Self.environment, commands: WorkflowCommands { _ in }, runner: runner, now: Date(), workingDirectory: home)
        let choice = try await command.prepareBuilder(session: session, endpoint: inputs.builderEndpoint, tls: inputs.builderTLS, log: log)
        #expect(choice == .remote(name: "openkf-build-remote-31", endpoint: "tcp://buildkitd.example.com:1234"))
        let directory = session.configDirectory
        let files = ["ca": directory + "/secret-builder_tls_ca", "cert": directory + "/secret-builder_tls_cert", "key": directory + "/secret-builder_tls_key"]
        #expect(runner.recorded == [Command("docker", [
            "--config", directory, "buildx", "create", "--name", "openkf-build-remote-31", "--driver", "remote",
            "--driver-opt", "cacert=" + files["ca"]!, "--driver-opt", "cert=" + files["cert"]!, "--driver-opt", "key=" + files["key"]!,
            "--driver-opt", "servername=buildkitd.internal", "tcp://buildkitd.example.com:1234", "--bootstrap",
        ])])
        for (name, expected) in [("ca", Self.ca), ("cert", Self.cert + "\n"), ("key", Self.key)] {
            let path = try #require(files[name])
            #expect((try? String(contentsOfFile: path, encoding: .utf8)) == expected)
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(name) has mode \(String(mode ?? 0, radix: 8))")
        }
        let argv = runner.recorded.flatMap(\.arguments).joined(separator: " ")
        let logged = try String(contentsOfFile: home + "/log.jsonl", encoding: .utf8)
        for secret in Self.material + ["-----BEGIN"] {
            #expect(!argv.contains(secret) && !logged.contains(secret))
        }
        await session.close(loggingOutOf: [])
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    /// The main step masks every line of the certificates and key before it prints anything.
    @Test func maskedBeforeAnythingElse() async throws {
        let lines = FileCommandsTests.Lines()
        var environment = Self.environment
        environment["GITHUB_REPOSITORY"] = "openimsdk/openkf"
        environment["GITHUB_API_URL"] = "http://127.0.0.1:1"
        environment["INPUT_IMAGES"] = "localhost:5000/okf/tls"
        let status = await BuildCommand(environment: environment, commands: WorkflowCommands(write: lines.append), runner: RecordingRunner(status: 0),
                                        now: Date(), workingDirectory: NSTemporaryDirectory()).run()
        #expect(status == 1)
        let firstOther = lines.all.firstIndex { !$0.hasPrefix("::add-mask::") } ?? lines.all.count
        let masks = Set(lines.all[..<firstOther].map { String($0.dropFirst("::add-mask::".count)) })
        for secret in Self.material {
            #expect(masks.contains(secret), "\(secret) is not masked")
        }
        #expect(masks.contains(WorkflowCommands.escapeData(Self.key)))
        for line in lines.all[firstOther...] {
            #expect(!Self.material.contains { line.contains($0) }, "printed: \(line)")
        }
    }
}
