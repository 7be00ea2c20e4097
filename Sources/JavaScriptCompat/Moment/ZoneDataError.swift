/// Malformed time zone data (a TZif file, a POSIX TZ string or a tzdata.zi line).
public struct ZoneDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, for diagnostics.
    public let message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
