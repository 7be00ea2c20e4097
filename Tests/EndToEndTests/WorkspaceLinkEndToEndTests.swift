import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// The built binary in a workspace whose repository committed `.openkf-build` as a link out of
/// it: the run stops before it writes anything there (it runs as root on the runner).
@Suite("A committed link does not carry the log out of the workspace")
struct WorkspaceLinkEndToEndTests {
    @Test func logDirectoryLinkedOutOfTheWorkspaceStopsTheRun() async throws {
        let temporary = NSTemporaryDirectory().hasSuffix("/") ? String(NSTemporaryDirectory().dropLast()) : NSTemporaryDirectory()
        let outside = try TemporaryDirectory.make(in: temporary, prefix: "okf-e2e-outside-")
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "localhost:5000/okf-e2e/links-\(ProcessInfo.processInfo.processIdentifier)", "tags": "type=ref,event=branch",
            "push": "false", "platforms": "linux/amd64",
        ])
        try FileManager.default.createSymbolicLink(atPath: run.workspace + "/.openkf-build", withDestinationPath: outside)
        let result = try await run.run()
        #expect(result.status == 1)
        #expect((FileManager.default.subpaths(atPath: outside) ?? []).isEmpty, "written outside the workspace: \(FileManager.default.subpaths(atPath: outside) ?? [])")
        #expect(result.standardOutput.contains("::error::The log directory .openkf-build resolves to \(outside)"), "\(result.standardOutput)")
    }
}
