import BuildActionCore
import DockerMetadata
import Foundation
import Testing

@testable import BuildActionRuntime

/// Runs the built `openkf-build` the way the runner runs a container action: inputs as
/// `INPUT_*`, the event payload at `GITHUB_EVENT_PATH`, file commands, a workspace, and a
/// GitHub API stand-in on loopback.
final class ActionRun: @unchecked Sendable {
    let root: String
    let workspace: String
    var environment: [String: String]
    private let ownAPI: APIStandIn?

    static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("openkf-build").path
    }

    /// The GitHub API stand-in script.
    static var apiScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/github_api_stand_in.py").path
    }

    /// A run in a fresh directory; `apiURL` (`http://127.0.0.1:PORT`) shares a stand-in
    /// between runs, else the run starts its own.
    init(event: String, ref: String, payload: [String: Any], inputs: [String: String], apiURL: String? = nil) throws {
        root = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-run-")
        workspace = root + "/workspace"
        for directory in ["workspace", "home", "runner_temp", "file_commands"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        for file in ["output", "env", "summary", "state"] {
            _ = FileManager.default.createFile(atPath: root + "/file_commands/" + file, contents: nil)
        }
        try JSONSerialization.data(withJSONObject: payload).write(to: URL(fileURLWithPath: root + "/event.json"))
        let stand = try apiURL == nil ? APIStandIn() : nil
        ownAPI = stand
        let port = String((apiURL ?? stand?.url ?? "").split(separator: ":").last ?? "")
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": root + "/home",
            "LANG": "C.UTF-8", "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_REF": ref,
            "GITHUB_SHA": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "GITHUB_REPOSITORY": "openimsdk/openkf",
            "GITHUB_ACTOR": "openkf-bot", "GITHUB_EVENT_PATH": root + "/event.json", "GITHUB_WORKSPACE": workspace,
            "GITHUB_OUTPUT": root + "/file_commands/output", "GITHUB_ENV": root + "/file_commands/env",
            "GITHUB_STEP_SUMMARY": root + "/file_commands/summary", "GITHUB_STATE": root + "/file_commands/state",
            "RUNNER_TEMP": root + "/runner_temp", "GITHUB_API_URL": "http://127.0.0.1:\(port)",
            "INPUT_METADATA-CONTEXT": "workflow", "INPUT_GITHUB-TOKEN": "ghs_dummytoken",
        ]
        environment[ActionInputReader.variableName("qemu-image")] = Self.qemuStandIn
        for (name, value) in inputs { environment[ActionInputReader.variableName(name)] = value }
    }

    /// The `qemu-image` of every run unless a test gives one: the environment is offline, so
    /// the pinned default (`BuildActionInputs.defaultQEMUImage`) cannot be pulled, and
    /// scripts/env/make-binfmt-image.sh tags a stand-in with its interface under this tag.
    static let qemuStandIn = "tonistiigi/binfmt:qemu-v7.0.0-28"

    /// Writes the example Dockerfile into the workspace.
    func writeDockerfile() throws {
        let dockerfile = """
            FROM localhost:5000/base/busybox:latest
            RUN uname -m > /arch
            CMD ["cat", "/arch"]
            """
        try dockerfile.write(toFile: workspace + "/Dockerfile", atomically: true, encoding: .utf8)
    }

    /// Runs the binary; returns its status and stdout.
    func run(_ arguments: [String] = []) async throws -> CommandResult {
        try await SystemProcessRunner(environment: environment).run(Command(Self.binary, arguments, workingDirectory: workspace), input: nil)
    }

    /// Runs the binary under GNU time; returns the result and the peak resident memory in KiB.
    func runMeasuringPeakMemory(_ arguments: [String] = []) async throws -> (result: CommandResult, peakKiB: Int) {
        let report = root + "/peak-rss"
        let result = try await SystemProcessRunner(environment: environment).run(
            Command("/usr/bin/time", ["-f", "%M", "-o", report, Self.binary] + arguments, workingDirectory: workspace), input: nil)
        let peak = Int((try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last ?? "") ?? -1
        return (result, peak)
    }

    /// The outputs written to GITHUB_OUTPUT.
    func outputs() throws -> [String: String] {
        let text = try String(contentsOfFile: root + "/file_commands/output", encoding: .utf8)
        var outputs: [String: String] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            guard let marker = line.range(of: "<<") else { continue }
            let delimiter = String(line[marker.upperBound...])
            var value: [String] = []
            while let next = lines.popFirst(), next != delimiter { value.append(next) }
            outputs[String(line[..<marker.lowerBound])] = value.joined(separator: "\n")
        }
        return outputs
    }

    /// Everything the run left in files (outputs, env, summary), for secret checks.
    func writtenText() -> String {
        ["output", "env", "summary", "state"].compactMap { try? String(contentsOfFile: root + "/file_commands/" + $0, encoding: .utf8) }.joined()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }
}
