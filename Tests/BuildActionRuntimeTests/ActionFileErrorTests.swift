import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// The files and directories the action makes for itself: each failure names the file and
/// says what to do.
@Suite("Action file errors")
struct ActionFileErrorTests {
    @Test(arguments: [
        (ActionFileError.temporaryDirectory(base: "/home/runner", reason: "Permission denied"),
         "cannot create a temporary directory in /home/runner: Permission denied",
         "Make /home/runner a directory the action can write to (it comes from HOME, RUNNER_TEMP or TMPDIR)."),
        (.logFile(path: "/w/.openkf-build/build-log.jsonl", reason: "is not a regular file"),
         "cannot create the log file /w/.openkf-build/build-log.jsonl: it is not a regular file",
         "Keep /w/.openkf-build/build-log.jsonl free in the repository: the action writes its log there."),
        (.bakeFile(path: "/t/openkf-build-metadata-x/docker-metadata-action-bake.json", reason: "cannot be written (No space left on device)"),
         "cannot write the bake file /t/openkf-build-metadata-x/docker-metadata-action-bake.json: it cannot be written (No space left on device)",
         "Make RUNNER_TEMP a directory with room for the bake definitions."),
    ])
    func messages(_ error: ActionFileError, _ message: String, _ hint: String) {
        #expect(error.description == message)
        #expect(error.hint == hint)
    }

    @Test func aTemporaryDirectoryInAMissingDirectory() {
        let base = NSTemporaryDirectory() + "okf-missing-\(UUID().uuidString)"
        #expect(throws: ActionFileError.temporaryDirectory(base: base, reason: "No such file or directory")) {
            try TemporaryDirectory.make(in: base, prefix: "x-")
        }
    }

    @Test func aLogFileThatIsALink() throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-log-link-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/log.jsonl", withDestinationPath: "/etc/passwd")
        #expect(throws: ActionFileError.logFile(path: directory + "/log.jsonl", reason: "is a symbolic link (the action does not follow links in the workspace)")) {
            try OperationLog(path: directory + "/log.jsonl", secrets: [])
        }
    }

    /// The main step prints the message as `::error::` and the hint as `::notice::`.
    @Test func theMainStepKeepsTheHint() {
        let error = ActionFileError.logFile(path: "/w/log", reason: "is not a regular file")
        #expect(BuildCommand.actionError(error) == ActionError(.setup, "cannot create the log file /w/log: it is not a regular file",
                                                                hint: "Keep /w/log free in the repository: the action writes its log there."))
        #expect(BuildCommand.actionError(FileCommandError.cannotOpen(path: "/o")).hint == FileCommandError.cannotOpen(path: "/o").hint)
    }
}
