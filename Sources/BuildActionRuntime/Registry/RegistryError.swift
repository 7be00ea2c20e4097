/// A failed registry request, with the HTTP status when there was one.
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The HTTP status, or nil for a network failure.
    public let status: Int?
    /// What went wrong, naming the registry and the request.
    public let message: String
    /// Whether a retry may help (network failure, 5xx, 429).
    public var isTransient: Bool {
        guard let status else { return true }
        return status >= 500 || status == 429
    }

    /// An error from its parts.
    public init(status: Int?, message: String) {
        self.status = status
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
