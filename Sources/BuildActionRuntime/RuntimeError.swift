/// A failure of the effects layer with only a message. Being replaced by the domain errors
/// (`FileCommandError`, `ActionFileError`, `OCILayoutError`, `NotifierError`, ...); what
/// still throws it: `SystemProcessRunner` (a command not found on PATH) and
/// `DockerSession.secretFile` (a secret file that cannot be written).
public struct RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
