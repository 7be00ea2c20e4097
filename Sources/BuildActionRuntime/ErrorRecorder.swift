import Foundation

/// Keeps the `::error::` messages a step prints, for the failure notification.
public final class ErrorRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    /// An empty recorder.
    public init() {}

    /// The messages, unescaped, in order.
    public var messages: [String] { lock.withLock { recorded } }

    /// Commands that write through `commands` and record every error.
    public func recording(_ commands: WorkflowCommands) -> WorkflowCommands {
        WorkflowCommands { [self] line in
            if line.hasPrefix("::error::") {
                let message = String(line.dropFirst("::error::".count))
                    .replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
                lock.withLock { recorded.append(message) }
            }
            commands.info(line)
        }
    }
}
