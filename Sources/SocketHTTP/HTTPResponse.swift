#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An HTTP response (body fully read).
public struct HTTPResponse: Sendable {
    /// The status code of the final (non-1xx) response.
    public let status: Int
    /// Header fields in received order; duplicates are kept, folded lines are joined with a space.
    public let headers: [(String, String)]
    /// The body, de-chunked; empty for `HEAD`, 204 and 304.
    public let body: Data
    /// Trailer fields of a chunked body, in received order (usually empty).
    public let trailers: [(String, String)]

    /// Creates a response (useful for fake transports in tests).
    public init(status: Int, headers: [(String, String)] = [], body: Data = Data(), trailers: [(String, String)] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.trailers = trailers
    }

    /// The value of the first header named `name` (ASCII case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        headers.first { HeaderName.equal($0.0, name) }?.1
    }

    /// All values of the headers named `name` (ASCII case-insensitive), in received order.
    public func headers(named name: String) -> [String] {
        headers.filter { HeaderName.equal($0.0, name) }.map(\.1)
    }
}

/// ASCII case-insensitive comparison of header field names.
enum HeaderName {
    /// Whether two field names are equal ignoring ASCII case.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let a = lhs.utf8, b = rhs.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { lower($0) == lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}
