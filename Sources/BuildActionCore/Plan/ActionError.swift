/// A failure that stops the run: the phase it happened in, what went wrong (one message, or
/// several reported together, such as every registry's refused login), what to do about it,
/// and the underlying error's text when there is one. Steps throw it; only the command prints
/// it (`::error::` per message, then the hint as `::notice::`).
public struct ActionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where it happened.
    public let phase: Phase
    /// What went wrong, one entry per `::error::` line (never empty).
    public let messages: [String]
    /// What to do about it.
    public let hint: String?
    /// The underlying error's own text (for the log), when it is not already in the message.
    public let cause: String?

    /// One failure.
    public init(_ phase: Phase, _ message: String, hint: String? = nil, cause: String? = nil) {
        self.init(phase, messages: [message], hint: hint, cause: cause)
    }

    /// Several failures of one phase reported together, with one hint.
    public init(_ phase: Phase, messages: [String], hint: String? = nil, cause: String? = nil) {
        self.phase = phase
        self.messages = messages.isEmpty ? ["\(phase.rawValue) failed"] : messages
        self.hint = hint
        self.cause = cause
    }

    /// The first message.
    public var message: String { messages[0] }

    /// The messages, one per line.
    public var description: String { messages.joined(separator: "\n") }
}
