import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// The post step trusts nothing it reads back: `STATE_*` values become docker arguments only
/// in the forms the main step writes, and its children never see the step's inputs.
@Suite("Post step: saved state and children")
struct PostStepTests {
    static func home() throws -> String {
        try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-post-state-")
    }

    /// A fake `docker` on PATH records its environment (as exec gave it: /proc, since a shell
    /// drops names with hyphens) and its arguments.
    @Test func childrenNeverSeeTheInputs() async throws {
        let root = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        let script = "#!/bin/sh\ntr '\\0' '\\n' < /proc/$$/environ > '\(root)/env.txt'\nprintf '%s\\n' \"$@\" > '\(root)/args.txt'\n"
        _ = FileManager.default.createFile(atPath: root + "/bin/docker", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
        let environment = [
            "PATH": root + "/bin:/usr/bin:/bin", "HOME": root, "STATE_builder": "openkf-build-4242",
            "INPUT_DOCKERHUB-PASSWORD": "post-step-password-1f2e", "INPUT_REGISTRY-AUTH": "- registry: x\n  password: post-step-2",
            "INPUT_SUMMARY": "true",
        ]
        let status = await CommandLineInterface(arguments: ["post"], environment: environment).run()
        #expect(status == 0)
        let seen = try #require(try? String(contentsOfFile: root + "/env.txt", encoding: .utf8),
                                "docker was not started with the step's environment (its PATH)")
        let leaked = seen.split(separator: "\n").filter { $0.hasPrefix("INPUT_") }
        #expect(leaked.isEmpty, "the post step's docker saw \(leaked)")
        #expect(!seen.contains("post-step-password-1f2e"))
        #expect(seen.contains("HOME=\(root)"))
        #expect((try? String(contentsOfFile: root + "/args.txt", encoding: .utf8)) == "buildx\nrm\n--force\nopenkf-build-4242\n")
    }

    @Test(arguments: [
        "--help", "-fopenkf-build-1", "openkf-build-1 --all-inactive", "openkf-build-", "openkf-build-12x",
        "other-builder", "openkf-build-remote-", "openkf-build-1\n--force", "../openkf-build-1", "openkf-build-1/x",
    ])
    func refusesABuilderNameTheMainStepDoesNotMake(_ name: String) async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let runner = RecordingRunner(status: 0)
        let lines = FileCommandsTests.Lines()
        await PostCommand(environment: ["HOME": home, "STATE_builder": name], commands: WorkflowCommands(write: lines.append)).run(runner: runner)
        #expect(runner.recorded.isEmpty, "ran \(runner.recorded)")
        #expect(lines.all.contains { $0.hasPrefix("::warning::") && $0.contains("STATE_builder") }, "\(lines.all)")
    }

    @Test(arguments: ["openkf-build-7", "openkf-build-1234567890", "openkf-build-remote-99"])
    func acceptsTheBuilderNamesTheMainStepMakes(_ name: String) async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let runner = RecordingRunner(status: 0)
        await PostCommand(environment: ["HOME": home, "STATE_builder": name], commands: WorkflowCommands { _ in }).run(runner: runner)
        #expect(runner.recorded == [Command("docker", ["buildx", "rm", "--force", name])])
    }

    /// Only `$HOME/.openkf-build/docker-config-XXXXXX`, a real directory, is passed to --config.
    @Test(arguments: [
        "/etc", "-H", "--config", "OUTSIDE", "BASE", "BASE/docker-config-Ab12Cd/..", "BASE/../.openkf-build/docker-config-Ab12Cd",
        "BASE/docker-config-link01", "BASE/docker-config-", "BASE/other-Ab12Cd", "docker-config-Ab12Cd", "BASE/docker-config-Ab12Cd/x",
    ])
    func refusesADockerConfigOutsideThePrivateDirectory(_ template: String) async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let base = home + "/.openkf-build"
        try FileManager.default.createDirectory(atPath: base + "/docker-config-Ab12Cd/x", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/other-Ab12Cd", withIntermediateDirectories: true)
        let outside = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-post-outside-")
        defer { try? FileManager.default.removeItem(atPath: outside) }
        _ = FileManager.default.createFile(atPath: outside + "/keep", contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: base + "/docker-config-link01", withDestinationPath: outside)
        let value = template.replacingOccurrences(of: "BASE", with: base).replacingOccurrences(of: "OUTSIDE", with: outside)
        let runner = RecordingRunner(status: 0)
        let lines = FileCommandsTests.Lines()
        await PostCommand(environment: ["HOME": home, "STATE_builder": "openkf-build-5", "STATE_docker-config": value],
                    commands: WorkflowCommands(write: lines.append)).run(runner: runner)
        #expect(runner.recorded == [Command("docker", ["buildx", "rm", "--force", "openkf-build-5"])], "\(value): \(runner.recorded)")
        #expect(lines.all.contains { $0.hasPrefix("::warning::") && $0.contains("STATE_docker-config") }, "\(value): \(lines.all)")
        // The leftovers are removed, a symlink among them as a link: what it points to stays.
        #expect(FileManager.default.fileExists(atPath: outside + "/keep"))
    }

    @Test func acceptsTheConfigTheMainStepMakes() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let session = try DockerSession.open(home: home, runner: RecordingRunner(status: 0))
        let runner = RecordingRunner(status: 0)
        await PostCommand(environment: ["HOME": home, "STATE_builder": "openkf-build-5", "STATE_docker-config": session.configDirectory],
                    commands: WorkflowCommands { _ in }).run(runner: runner)
        #expect(runner.recorded == [Command("docker", ["--config", session.configDirectory, "buildx", "rm", "--force", "openkf-build-5"])])
        #expect(!FileManager.default.fileExists(atPath: session.configDirectory))
    }
}
