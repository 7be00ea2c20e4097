/// A failed registry request, with the HTTP status when there was one.
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The HTTP status, or nil for a network failure.
    public let status: Int?
    /// The registry's error code (`BLOB_UNKNOWN`, `DENIED`, ...) or one of this client's
    /// (`DIGEST_MISMATCH`, `INSECURE_REALM`, `LAYOUT`), when known.
    public let code: String?
    /// What went wrong, naming the registry and the request.
    public let message: String
    /// The server's `Retry-After`, in seconds, when it sent one.
    public let retryAfter: Double?

    /// This client's codes for failures no retry can fix.
    static let permanentCodes: Set<String> = ["DIGEST_MISMATCH", "INSECURE_REALM", "LAYOUT"]

    /// Whether a retry may help (network failure or timeout, 5xx, 429, 408).
    public var isTransient: Bool {
        if let code, Self.permanentCodes.contains(code) { return false }
        guard let status else { return true }
        return status >= 500 || status == 429 || status == 408
    }

    /// Whether this may be the registry's read-after-write lag: a manifest or tag just written
    /// answering 404, or a manifest PUT answered BLOB_UNKNOWN / MANIFEST_BLOB_UNKNOWN for blobs
    /// and manifests just uploaded (GHCR and Docker Hub are eventually consistent).
    public var isReadAfterWriteLag: Bool {
        status == 404 || code == "BLOB_UNKNOWN" || code == "MANIFEST_BLOB_UNKNOWN"
    }

    /// An error from its parts.
    public init(status: Int?, code: String? = nil, message: String, retryAfter: Double? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The same error with `text` added to its message.
    func adding(_ text: String) -> RegistryError {
        RegistryError(status: status, code: code, message: message + text, retryAfter: retryAfter)
    }

    /// The message.
    public var description: String { message }
}
