#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An HTTP request.
public struct HTTPRequest: Sendable {
    /// The request method, e.g. `GET`, `POST`, `HEAD`.
    public var method: String
    /// The absolute `http://` or `https://` URL to request.
    public var url: URL
    /// Header fields in the order they are sent. `Host`, `User-Agent`, `Content-Length` and
    /// `Connection: close` are added by the client when missing (a caller's `Connection` is replaced).
    public var headers: [(String, String)]
    /// The request body; `nil` for none.
    public var body: Data?

    /// Creates a request.
    public init(method: String = "GET", url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
