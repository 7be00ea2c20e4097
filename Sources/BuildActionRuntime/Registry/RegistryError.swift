/// A failed registry request, with the HTTP status when there was one.
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The HTTP status, or nil for a network failure.
    public let status: Int?
    /// What went wrong, naming the registry and the request.
    public let message: String
    /// The server's `Retry-After`, in seconds, when it sent one.
    public let retryAfter: Double?
    /// Whether a retry may help (network failure or timeout, 5xx, 429, 408).
    public var isTransient: Bool {
        guard let status else { return true }
        return status >= 500 || status == 429 || status == 408
    }

    /// An error from its parts.
    public init(status: Int?, message: String, retryAfter: Double? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The message.
    public var description: String { message }
}
