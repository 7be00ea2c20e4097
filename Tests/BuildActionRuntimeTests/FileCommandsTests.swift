import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

@Suite("Runner file commands and workflow commands")
struct FileCommandsTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String] = []
        func append(_ line: String) { lock.withLock { storage.append(line) } }
        var all: [String] { lock.withLock { storage } }
    }

    @Test func escapesWorkflowCommandData() {
        let lines = Lines()
        let commands = WorkflowCommands(write: lines.append)
        commands.error("100% broken\nsecond line\r")
        commands.warning("plain")
        commands.mask("")
        commands.mask("s3cr3t")
        #expect(lines.all == ["::error::100%25 broken%0Asecond line%0D", "::warning::plain", "::add-mask::s3cr3t"])
    }

    @Test func outputsAreHeredocBlocksTheRunnerParses() throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "filecommands-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/output"
        let files = FileCommands(environment: ["GITHUB_OUTPUT": output, "GITHUB_ENV": directory + "/env"])
        try files.setOutputs([("tags", "a:1\na:2"), ("version", "")], commands: WorkflowCommands { _ in })
        try files.setOutputs([("json", "{\"x\":1}")], commands: WorkflowCommands { _ in })
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("tags<<ghadelimiter_"))
        let delimiter = String(lines[0].dropFirst("tags<<".count))
        #expect(Array(lines[1...3]) == ["a:1", "a:2", delimiter])
        #expect(lines[4].hasPrefix("version<<"))
        #expect(lines[5] == "")
        #expect(lines[7].hasPrefix("json<<"))
        #expect(lines[8] == "{\"x\":1}")
        #expect(text.hasSuffix("\n"))
    }

    @Test func withoutOutputFileFallsBackToSetOutput() throws {
        let lines = Lines()
        try FileCommands(environment: [:]).setOutputs([("version", "1.0\n")], commands: WorkflowCommands(write: lines.append))
        #expect(lines.all == ["::set-output name=version::1.0%0A"])
    }

    @Test func fileCommandErrorsNameTheFileAndTheFix() {
        let hint = "The runner names these files in GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE and GITHUB_STEP_SUMMARY: run the action as a step of a GitHub Actions job, or point the variable at a file the action can write."
        #expect(FileCommandError.cannotOpen(path: "/runner/output").description == "cannot open /runner/output for writing")
        #expect(FileCommandError.cannotWrite(path: "/runner/output", reason: "No space left on device").description == "cannot write to /runner/output: No space left on device")
        #expect(FileCommandError.cannotOpen(path: "/x").hint == hint && FileCommandError.cannotWrite(path: "/x", reason: "r").hint == hint)
    }

    @Test func aFileCommandThatCannotBeWritten() throws {
        let missing = NSTemporaryDirectory() + "/okf-no-such-directory-\(UUID().uuidString)/output"
        #expect(throws: FileCommandError.cannotOpen(path: missing)) {
            try FileCommands(environment: ["GITHUB_OUTPUT": missing]).setOutputs([("version", "1")], commands: WorkflowCommands { _ in })
        }
        #if os(Linux)
            #expect(throws: FileCommandError.cannotWrite(path: "/dev/full", reason: "No space left on device")) {
                try FileCommands(environment: ["GITHUB_ENV": "/dev/full"]).exportVariables([("A", "1")])
            }
        #endif
    }

    @Test func environmentNamesForOutputs() {
        #expect(MetadataCommand.environmentName(forOutput: "bake-file-tags") == "DOCKER_METADATA_OUTPUT_BAKE_FILE_TAGS")
        #expect(MetadataCommand.environmentName(forOutput: "tag-names") == "DOCKER_METADATA_OUTPUT_TAG_NAMES")
    }

    @Test(arguments: [("1736936130", 1_736_936_130.0), ("0", 0)])
    func clockHonoursSourceDateEpoch(_ text: String, _ seconds: Double) throws {
        let date = try Clock.now(environment: ["SOURCE_DATE_EPOCH": text]).get()
        #expect(date.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["yesterday", "-5", "1.5", " 12"])
    func clockRejectsMalformedEpoch(_ text: String) {
        guard case .failure(let error) = Clock.now(environment: ["SOURCE_DATE_EPOCH": text]) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error == .malformed(text))
        #expect(error.description == "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got '\(text)'")
        #expect(error.hint == "Unset SOURCE_DATE_EPOCH or set it to, for example, $(git log -1 --format=%ct).")
    }

    @Test func octokitErrorMessages() {
        #expect(GitHubAPI.errorMessage(status: 404, body: .object(["message": .string("Not Found"), "documentation_url": .string("https://docs.github.com/rest")])) == "Not Found - https://docs.github.com/rest")
        #expect(GitHubAPI.errorMessage(status: 422, body: .object(["message": .string("Validation Failed"), "errors": .array([.object(["code": .string("invalid")])])])) == "Validation Failed: {\"code\":\"invalid\"}")
        #expect(GitHubAPI.errorMessage(status: 502, body: .string("Bad gateway")) == "Bad gateway")
        #expect(GitHubAPI.errorMessage(status: 500, body: .object(["x": .number(1)])) == "Unknown error: {\"x\":1}")
    }

    @Test func encodesPathComponents() {
        #expect(GitHubAPI.encode("a b/c") == "a%20b%2Fc")
        #expect(GitHubAPI.encode("open-kf_1.0") == "open-kf_1.0")
    }
}

@Suite("Build command helpers")
struct BuildCommandHelperTests {
    @Test(arguments: [
        ("ERROR: unexpected status from HEAD request to http://127.0.0.1:5002/v2/x/manifests/t: 500 Internal Server Error", true),
        ("failed to push: 503 Service Unavailable", true),
        ("read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer", true),
        ("ERROR: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2", false),
        ("unexpected status: 401 Unauthorized", false),
        ("failed to authorize: 403 Forbidden", false),
    ])
    func transientPushFailures(_ output: String, _ transient: Bool) {
        #expect(BuildCommand.isTransientPushFailure(output) == transient)
    }

    /// Run with --privileged: pinned by the index digest, not only by a tag its account can move.
    @Test func defaultQEMUImageIsPinnedByDigest() {
        #expect(BuildCommand.defaultQEMUImage == "tonistiigi/binfmt:qemu-v7.0.0-28@sha256:66e11bea77a5ea9d6f0fe79b57cd2b189b5d15b93a2bdb925be22949232e4e55")
    }

    @Test func credentialInputsNameTheRightInputs() throws {
        #expect(JobPlan.credentialInputs(for: "docker.io").contains("dockerhub-password"))
        #expect(JobPlan.credentialInputs(for: "ghcr.io").contains("packages: write"))
        #expect(JobPlan.credentialInputs(for: "registry.cn-hangzhou.aliyuncs.com").contains("aliyun-password"))
        #expect(JobPlan.credentialInputs(for: "quay.io") == "a registry-auth entry for quay.io")
    }
}

/// Records the commands it is asked to run and answers with a fixed status.
final class RecordingRunner: ProcessRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var commands: [Command] = []
    let status: Int32
    init(status: Int32) { self.status = status }
    var recorded: [Command] { lock.withLock { commands } }
    func run(_ command: Command, input: Data?) async throws -> CommandResult {
        lock.withLock { commands.append(command) }
        return CommandResult(status: status, standardOutput: "", standardError: "")
    }
}

@Suite("Post step")
struct PostCommandTests {
    @Test func removesTheCreatedBuilderAndLeftoverConfigs() async throws {
        let home = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-post-")
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/.openkf-build/docker-config-abc", withIntermediateDirectories: true)
        let runner = RecordingRunner(status: 0)
        let lines = FileCommandsTests.Lines()
        await PostCommand(environment: ["HOME": home, "STATE_builder": "openkf-build-42", "STATE_docker-config": home + "/.openkf-build/docker-config-abc"],
                    commands: WorkflowCommands(write: lines.append)).run(runner: runner)
        #expect(runner.recorded == [Command("docker", ["--config", home + "/.openkf-build/docker-config-abc", "buildx", "rm", "--force", "openkf-build-42"])])
        #expect(!FileManager.default.fileExists(atPath: home + "/.openkf-build/docker-config-abc"))
        #expect(lines.all.contains("Removed builder openkf-build-42."))
    }

    @Test func nothingToDoWithoutState() async throws {
        let home = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-post-")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let runner = RecordingRunner(status: 0)
        let lines = FileCommandsTests.Lines()
        await PostCommand(environment: ["HOME": home], commands: WorkflowCommands(write: lines.append)).run(runner: runner)
        #expect(runner.recorded.isEmpty)
        #expect(lines.all == ["Nothing to clean up."])
    }
}

@Suite("Command line")
struct CommandLineTests {
    @Test(arguments: [
        ("/usr/local/bin/openkf-build", [String](), nil as String?),
        ("/usr/local/bin/openkf-build", ["metadata"], "metadata"),
        ("/usr/local/bin/openkf-build-post", [], "post"),
        ("/usr/local/bin/openkf-build-post", ["anything", "the runner appends"], "post"),
        ("openkf-build-post", [], "post"),
        ("/usr/local/bin/openkf-build-metadata", [], "metadata"),
        ("/usr/local/bin/openkf-build-metadata", ["post"], "metadata"),
        ("/usr/local/bin/openkf-build-metadata-x", [], nil),
    ])
    func subcommandFromProgramName(_ path: String, _ arguments: [String], _ expected: String?) {
        #expect(CommandLineInterface(programPath: path, arguments: arguments, environment: [:]).subcommand == expected)
    }

    /// A malformed SOURCE_DATE_EPOCH stops both steps before anything runs, with its fix.
    @Test(arguments: [["metadata"], []])
    func malformedSourceDateEpoch(_ arguments: [String]) async {
        let lines = FileCommandsTests.Lines()
        let status = await CommandLineInterface(arguments: arguments, environment: ["SOURCE_DATE_EPOCH": "yesterday"])
            .run(console: Console(writeLine: lines.append))
        #expect(status == 1)
        #expect(lines.all == [
            "::error::SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got 'yesterday'",
            "::notice::Unset SOURCE_DATE_EPOCH or set it to, for example, $(git log -1 --format=%25ct).", // % escaped for the runner
        ])
    }
}
