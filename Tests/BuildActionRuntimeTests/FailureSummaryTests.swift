import BuildActionCore
import DockerMetadata
import Foundation
import Testing

@testable import BuildActionRuntime

/// The failure excerpt a failed run appends to the step summary: every error line, verbatim,
/// inside one code fence that nothing in them can close.
@Suite("Step summary of a failed run")
struct FailureSummaryTests {
    /// A runner for runs that must fail before any process starts.
    struct NoProcesses: ProcessRunner {
        func run(_ command: Command, input: Data?) async throws -> CommandResult {
            CommandResult(status: 127, standardOutput: "", standardError: "no processes in this test: \(command)")
        }
    }

    @Test func theExcerptCannotCloseItsFence() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "failure-summary-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = directory + "/summary.md"
        // metadata-context is quoted into the error: a fence after a lone CR, longer backtick runs, a mention.
        let hostile = "x\r```\r@org/team [link](https://evil.example) `````` end"
        let environment = [
            "GITHUB_WORKSPACE": directory, "GITHUB_STEP_SUMMARY": summary, "HOME": directory,
            "GITHUB_REPOSITORY": "openimsdk/openkf", "GITHUB_EVENT_NAME": "push",
            ActionInputReader.variableName("images"): "ghcr.io/openimsdk/openkf",
            ActionInputReader.variableName("metadata-context"): hostile,
        ]
        let status = await BuildCommand(environment: environment, commands: WorkflowCommands { _ in }, runner: NoProcesses(),
                                        now: Date(timeIntervalSince1970: 1_700_000_000), workingDirectory: directory).run()
        #expect(status == 1)
        let written = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(!written.contains("\r"), "a lone CR ends a line in CommonMark")
        let parts = try NotificationEscapingSupport.fenced(written)
        #expect(parts.content == "Invalid context source: " + hostile.replacingOccurrences(of: "\r", with: "\n"))
        #expect(parts.before.contains("## openkf-build failed in metadata"))
        #expect(parts.after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}

/// Reads a fenced code block as CommonMark does.
enum NotificationEscapingSupport {
    /// The text before the first fenced code block, its content and the text after it (`\r`,
    /// `\r\n` and `\n` end lines; a closing fence is at least as long as the opening one,
    /// indented at most three spaces).
    static func fenced(_ markdown: String) throws -> (before: String, content: String, after: String) {
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let opening = try #require(lines.firstIndex { $0.count >= 3 && $0.allSatisfy { $0 == "`" } })
        let length = lines[opening].count
        let closing = try #require(lines[(opening + 1)...].firstIndex { line in
            let trimmed = line.drop { $0 == " " }
            let run = trimmed.prefix { $0 == "`" }
            return line.count - trimmed.count <= 3 && run.count >= length && trimmed.dropFirst(run.count).allSatisfy { $0 == " " }
        })
        return (lines[..<opening].joined(separator: "\n"), lines[(opening + 1)..<closing].joined(separator: "\n"),
                lines[(closing + 1)...].joined(separator: "\n"))
    }
}
