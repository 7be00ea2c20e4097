/// Workflow commands on stdout (`::error::`, `::warning::`, `::group::`...), escaped as the
/// runner expects (`%`, CR and LF in messages).
public struct WorkflowCommands: Sendable {
    private let write: @Sendable (String) -> Void

    /// Commands written through `write` (one line per call, without the newline).
    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A plain log line.
    public func info(_ line: String) { write(line) }
    /// `::error::message`.
    public func error(_ message: String) { write("::error::" + Self.escapeData(message)) }
    /// `::warning::message`.
    public func warning(_ message: String) { write("::warning::" + Self.escapeData(message)) }
    /// `::notice::message`.
    public func notice(_ message: String) { write("::notice::" + Self.escapeData(message)) }
    /// `::debug::message`.
    public func debug(_ message: String) { write("::debug::" + Self.escapeData(message)) }
    /// `::add-mask::value`: the runner hides `value` from the log from here on.
    public func mask(_ secret: String) {
        guard !secret.isEmpty else { return }
        write("::add-mask::" + Self.escapeData(secret))
    }

    /// Lines inside a `::group::title` fold.
    public func group(_ title: String, _ lines: [String]) {
        write("::group::" + title)
        lines.forEach(write)
        write("::endgroup::")
    }
}
