import Foundation

/// Runs commands; the seam between the orchestration and real processes.
///
/// The shape of swiftlang/swift-subprocess's `run`: a command is a plain value, a non-zero exit
/// is a normal result, and a runner throws only when it cannot start the process (the program
/// is not on PATH, the working directory does not exist, the task was already cancelled).
public protocol ProcessRunner: Sendable {
    /// Runs `command` to completion with `input` on stdin (nil: an empty stdin).
    func run(_ command: Command, input: Data?) async throws -> CommandResult
    /// Runs `command`, handing every line of stdout and stderr to `line` as it arrives; the
    /// result still holds both streams whole.
    func runStreaming(_ command: Command, line: @Sendable (String) -> Void) async throws -> CommandResult
}

extension ProcessRunner {
    /// Collects the output, then replays it line by line (for runners that cannot stream).
    public func runStreaming(_ command: Command, line: @Sendable (String) -> Void) async throws -> CommandResult {
        let result = try await run(command, input: nil)
        (result.standardOutput + result.standardError).split(separator: "\n", omittingEmptySubsequences: false).forEach { line(String($0)) }
        return result
    }
}
