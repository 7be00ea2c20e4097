import BuildActionCore

/// Workflow commands on stdout (`::error::`, `::warning::`, `::group::`...), escaped as the
/// runner expects (`%`, CR and LF in messages). Text from outside the action (a build's output,
/// git, a registry, the GitHub API) is printed as plain lines only where the runner cannot take
/// it for a command: inside a `StopCommandsBlock` with a fresh random token.
public struct WorkflowCommands: Sendable {
    private let write: @Sendable (String) -> Void
    private let newToken: @Sendable () -> String

    /// Commands written through `write` (one line per call, without the newline); every block of
    /// outside text is closed by a token from `stopTokens` (default: 128 random bits).
    public init(write: @escaping @Sendable (String) -> Void, stopTokens: @escaping @Sendable () -> String = WorkflowCommands.randomStopToken) {
        self.write = write
        self.newToken = stopTokens
    }

    /// 32 hexadecimal digits from the system's secure random source.
    public static func randomStopToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// These commands, with every line shown to `observe` before it is written.
    public func observed(by observe: @escaping @Sendable (String) -> Void) -> WorkflowCommands {
        let write = self.write
        return WorkflowCommands(write: { line in
            observe(line)
            write(line)
        }, stopTokens: newToken)
    }

    /// `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A plain log line of the action's own (never text from outside: see `untrusted`).
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

    /// Lines inside a `::group::title` fold; `lines` may come from outside.
    public func group(_ title: String, _ lines: [String]) {
        write("::group::" + title)
        untrusted(lines)
        write("::endgroup::")
    }

    /// Prints text from outside the action: as it is when every line is inert, else its lines
    /// in a stop-commands block.
    public func untrusted(_ texts: [String]) {
        let lines = texts.flatMap(RunnerLines.split)
        if lines.allSatisfy(RunnerLines.isInert) {
            lines.forEach(write)
        } else {
            untrustedBlock { emit in texts.forEach(emit) }
        }
    }

    /// Opens a stop-commands block, hands `body` a printer for text from outside (safe to call
    /// from several threads while `body` runs), and closes the block when `body` returns or throws.
    public func untrustedBlock<T>(_ body: (_ emit: @escaping @Sendable (String) -> Void) throws -> T) rethrows -> T {
        let block = freshBlock()
        write(block.opening)
        defer { write(block.closing) }
        let write = self.write
        return try body { text in block.lines(of: text).forEach(write) }
    }

    /// `untrustedBlock` around a body that awaits (a process streaming its output).
    public func untrustedBlock<T>(_ body: (_ emit: @escaping @Sendable (String) -> Void) async throws -> T) async rethrows -> T {
        let block = freshBlock()
        write(block.opening)
        defer { write(block.closing) }
        let write = self.write
        return try await body { text in block.lines(of: text).forEach(write) }
    }

    /// A block with a token from `newToken`, or a random one if that token is unfit.
    private func freshBlock() -> StopCommandsBlock {
        var token = newToken()
        while true {
            if let block = StopCommandsBlock(token: token) { return block }
            token = Self.randomStopToken()
        }
    }
}
