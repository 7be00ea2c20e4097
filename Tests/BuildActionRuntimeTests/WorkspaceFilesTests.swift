import BuildActionCore
import DockerMetadata
import Foundation
import Testing

@testable import BuildActionRuntime

/// The action runs as root in the job's workspace: a symbolic link committed to the repository
/// (`.openkf-build -> /anywhere`) must not carry the files it writes, or reads back, elsewhere.
/// Real links in a temporary workspace.
@Suite("Files in the workspace, never through symbolic links")
struct WorkspaceFilesTests {
    /// A temporary root with `workspace/`, `runner_temp/` and `outside/` (the link target).
    struct Layout {
        let root: String
        var workspace: String { root + "/workspace" }
        var runnerTemp: String { root + "/runner_temp" }
        var outside: String { root + "/outside" }

        init() throws {
            root = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-links-")
            for directory in [root + "/workspace", root + "/runner_temp", root + "/outside"] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func link(_ name: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: workspace + "/" + name, withDestinationPath: destination)
        }

        /// Everything under `outside/`, recursively.
        var outsideContents: [String] { (FileManager.default.subpaths(atPath: outside) ?? []).sorted() }

        func command(_ inputs: [String: String] = [:]) throws -> (BuildCommand, BuildActionInputs) {
            var environment = ["GITHUB_WORKSPACE": workspace, "RUNNER_TEMP": runnerTemp, "HOME": root]
            for (name, value) in inputs { environment[ActionInputReader.variableName(name)] = value }
            let command = BuildCommand(environment: environment, commands: WorkflowCommands { _ in }, runner: RecordingRunner(status: 0),
                                       now: Date(timeIntervalSince1970: 0), workingDirectory: workspace)
            return (command, try BuildActionInputs(environment: environment))
        }
    }

    static let digest = Digest("sha256:" + String(repeating: "ab", count: 32))!

    static func publications() throws -> [BuildCommand.Publication] {
        let name = "localhost:5000/okf/links"
        var publication = BuildCommand.Publication(target: BuildCommand.Target(name: name, reference: try ImageReference.normalized(name)), digest: digest)
        publication.status = .pushed
        return [publication]
    }

    static func write(_ layout: Layout, _ inputs: [String: String] = [:]) throws -> String {
        let (command, parsed) = try layout.command(inputs)
        return try command.writeDigestFile(platform: "linux/amd64", digest: digest, publications: publications(), inputs: parsed)
    }

    @Test func digestFileGoesToTheWorkspace() throws {
        let layout = try Layout()
        defer { layout.remove() }
        #expect(try Self.write(layout) == ".openkf-build/digests/linux-amd64.json")
        #expect(FileManager.default.fileExists(atPath: layout.workspace + "/.openkf-build/digests/linux-amd64.json"))
        let inTemp = try Self.write(layout, ["digests-dir": layout.runnerTemp + "/digests"])
        #expect(inTemp == WorkspaceFiles.normalized(layout.runnerTemp + "/digests/linux-amd64.json"))
        #expect(FileManager.default.fileExists(atPath: inTemp))
    }

    /// `.openkf-build -> outside`: the default digests-dir would land outside.
    @Test func digestFileIsNotWrittenThroughACommittedLink() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link(".openkf-build", to: layout.outside)
        #expect {
            _ = try Self.write(layout)
        } throws: { error in
            let input = error as? InputError
            return input?.input == "digests-dir" && input?.value == ".openkf-build/digests" && input?.reason.contains(WorkspaceFiles.normalized(layout.outside)) == true
        }
        #expect(layout.outsideContents.isEmpty, "written outside the workspace: \(layout.outsideContents)")
    }

    @Test(arguments: ["../elsewhere", "OUTSIDE/digests", "ROOT/elsewhere", "ws-link/digests", "sub/../../elsewhere"])
    func digestsDirOutsideTheWorkspaceIsRefused(_ template: String) throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link("ws-link", to: layout.outside)
        let value = template.replacingOccurrences(of: "OUTSIDE", with: layout.outside).replacingOccurrences(of: "ROOT", with: layout.root)
        #expect(throws: InputError.self) { _ = try Self.write(layout, ["digests-dir": value]) }
        #expect(layout.outsideContents.isEmpty, "written outside the workspace: \(layout.outsideContents)")
        #expect(!FileManager.default.fileExists(atPath: layout.root + "/elsewhere"))
    }

    /// The file itself committed as a link: O_NOFOLLOW.
    @Test func digestFileThatIsALinkIsNotFollowed() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try FileManager.default.createDirectory(atPath: layout.workspace + "/.openkf-build/digests", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: layout.outside + "/victim", contents: Data("untouched".utf8))
        try layout.link(".openkf-build/digests/linux-amd64.json", to: layout.outside + "/victim")
        #expect(throws: (any Error).self) { _ = try Self.write(layout) }
        #expect((try? String(contentsOfFile: layout.outside + "/victim", encoding: .utf8)) == "untouched")
    }

    @Test func digestFilesAreNotReadThroughLinks() throws {
        let layout = try Layout()
        defer { layout.remove() }
        let record = #"{"platform":"linux/amd64","digest":"\#(Self.digest)","images":{}}"#
        _ = FileManager.default.createFile(atPath: layout.outside + "/linux-amd64.json", contents: Data(record.utf8))
        // The directory is a link out of the workspace.
        try layout.link("digests", to: layout.outside)
        let (command, inputs) = try layout.command(["digests-dir": "digests"])
        #expect(throws: InputError.self) { _ = try command.readDigestFiles(inputs) }
        // A file in a real directory is a link out of the workspace.
        try FileManager.default.createDirectory(atPath: layout.workspace + "/real", withIntermediateDirectories: true)
        try layout.link("real/linux-amd64.json", to: layout.outside + "/linux-amd64.json")
        let (again, realInputs) = try layout.command(["digests-dir": "real"])
        #expect(throws: (any Error).self) { _ = try again.readDigestFiles(realInputs) }
        // A real file is read.
        try FileManager.default.createDirectory(atPath: layout.workspace + "/ok", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: layout.workspace + "/ok/linux-amd64.json", contents: Data(record.utf8))
        let (third, okInputs) = try layout.command(["digests-dir": "ok"])
        #expect(try third.readDigestFiles(okInputs).map(\.platform) == ["linux/amd64"])
    }

    /// A digest file that is not JSON used to fail with the JSON parser's message and the hint
    /// about GITHUB_EVENT_PATH; it is named like any other file that is no digest file.
    @Test func aDigestFileThatIsNotJSON() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try FileManager.default.createDirectory(atPath: layout.workspace + "/digests", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: layout.workspace + "/digests/linux-amd64.json", contents: Data("<html>".utf8))
        let (command, inputs) = try layout.command(["digests-dir": "digests"])
        let directory = try command.digestsDirectory(inputs)
        #expect(throws: ActionError(.merge, "\(directory)/linux-amd64.json is not a digest file written by mode: platform")) {
            _ = try command.readDigestFiles(inputs)
        }
    }

    /// The log file itself committed as a link.
    @Test func logFileThatIsALinkIsNotFollowed() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try FileManager.default.createDirectory(atPath: layout.workspace + "/.openkf-build", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: layout.outside + "/victim", contents: Data("untouched".utf8))
        try layout.link(".openkf-build/build-log.jsonl", to: layout.outside + "/victim")
        let log = try? OperationLog(path: layout.workspace + "/.openkf-build/build-log.jsonl", secrets: [])
        log?.record(phase: .build, operation: "x", started: Date(), status: 0)
        #expect(log == nil)
        #expect((try? String(contentsOfFile: layout.outside + "/victim", encoding: .utf8)) == "untouched")
    }

    /// `.openkf-build -> outside`: the log directory is refused with what to do.
    @Test func logDirectoryThroughACommittedLinkIsRefused() throws {
        let layout = try Layout()
        defer { layout.remove() }
        let (command, _) = try layout.command()
        #expect(try command.logDirectory() == WorkspaceFiles.normalized(layout.workspace + "/.openkf-build"))
        try FileManager.default.removeItem(atPath: layout.workspace + "/.openkf-build")
        try layout.link(".openkf-build", to: layout.outside)
        #expect {
            _ = try command.logDirectory()
        } throws: { error in
            "\(error)".hasPrefix("The log directory .openkf-build resolves to \(WorkspaceFiles.normalized(layout.outside)), outside the workspace")
        }
        #expect(layout.outsideContents.isEmpty)
    }
}
