import Foundation

/// Keeps the `::error::` messages a step prints, for the failure notification. Lines inside a
/// stop-commands block are text from outside, never the step's own errors.
public final class ErrorRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    private var closingLine: String?

    /// An empty recorder.
    public init() {}

    /// The messages, unescaped, in order.
    public var messages: [String] { lock.withLock { recorded } }

    /// Commands that write through `commands` and record every error.
    public func recording(_ commands: WorkflowCommands) -> WorkflowCommands {
        commands.observed { [self] line in lock.withLock { observe(line) } }
    }

    private func observe(_ line: String) {
        if let closing = closingLine {
            if line == closing { closingLine = nil }
        } else if line.hasPrefix("::stop-commands::") {
            closingLine = "::" + line.dropFirst("::stop-commands::".count) + "::"
        } else if line.hasPrefix("::error::") {
            let message = String(line.dropFirst("::error::".count))
                .replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
            recorded.append(message)
        }
    }
}
