/// Errors with readable messages; `kind` lets callers classify transient failures.
public struct HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Equatable {
        /// The peer refused the TCP connection (or the network/host is unreachable).
        case connectionRefused
        /// The connection was reset or closed before the response was complete.
        case connectionReset
        /// Connecting, sending or waiting for data took longer than the client's timeout.
        case timedOut
        /// The host name could not be resolved.
        case dnsFailure
        /// The TLS handshake or TLS I/O failed (certificate verification, protocol errors).
        case tlsFailure
        /// libssl could not be loaded, so `https://` is not available.
        case tlsUnavailable
        /// The server sent something that is not a valid HTTP/1.x response, or exceeded a limit.
        case invalidResponse
        /// The URL is not an absolute `http`/`https` URL with a host.
        case unsupportedURL
        /// The request itself is malformed (bad method or header characters).
        case invalidRequest
        /// The calling task was cancelled while the request was in flight.
        case cancelled
        /// The proxy refused to open a tunnel (its own answer, not the target's).
        case proxyRefused
        /// The request body's file could not be read.
        case bodyUnreadable
    }

    /// The class of failure.
    public let kind: Kind
    /// A human-readable explanation (which host, which step, why).
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
