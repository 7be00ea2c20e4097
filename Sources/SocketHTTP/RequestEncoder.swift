#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Serialises the request line and header block of an HTTP/1.1 request.
enum RequestEncoder {
    /// The `User-Agent` sent when the caller gives none.
    static let defaultUserAgent = "MiniHTTP/1.0"

    /// The request head (request line, headers, empty line) as bytes. Through a forward proxy
    /// (plain http) the request line carries the absolute URL and the proxy's credentials follow.
    static func head(for request: HTTPRequest, target: RequestTarget, forwardProxy: ProxySettings.Endpoint? = nil) throws(HTTPClientError) -> [UInt8] {
        try validate(request)
        // Built with `+=` only: `joined(separator:)` is an unspecialised generic whose first use
        // resolves associated types at run time (~1 ms in a large static binary).
        let requestTarget = forwardProxy == nil ? target.path : "http://\(target.hostHeader)\(target.path)"
        var text = "\(request.method) \(requestTarget) HTTP/1.1\r\n"
        var given: [(String, String)] = []
        for field in request.headers where !HeaderName.equal(field.0, "Connection") { given.append(field) }
        if !has("Host", in: given) { text += "Host: \(target.hostHeader)\r\n" }
        for (name, value) in given { text += "\(name): \(value)\r\n" }
        if !has("User-Agent", in: given) { text += "User-Agent: \(defaultUserAgent)\r\n" }
        if let length = contentLength(for: request, given: given) { text += "Content-Length: \(length)\r\n" }
        if let authorization = forwardProxy?.authorization { text += "Proxy-Authorization: \(authorization)\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    private static func contentLength(for request: HTTPRequest, given: [(String, String)]) -> Int? {
        if has("Content-Length", in: given) || has("Transfer-Encoding", in: given) { return nil }
        if let body = request.body { return body.count }
        // Methods whose absent body is announced as `Content-Length: 0`.
        let method = request.method
        return HeaderName.equal(method, "POST") || HeaderName.equal(method, "PUT") || HeaderName.equal(method, "PATCH") ? 0 : nil
    }

    private static func has(_ name: String, in headers: [(String, String)]) -> Bool {
        headers.contains { HeaderName.equal($0.0, name) }
    }

    private static func validate(_ request: HTTPRequest) throws(HTTPClientError) {
        guard isToken(request.method) else {
            throw HTTPClientError(.invalidRequest, "invalid HTTP method \(String(reflecting: request.method))")
        }
        for (name, value) in request.headers {
            guard isToken(name) else {
                throw HTTPClientError(.invalidRequest, "invalid header name \(String(reflecting: name))")
            }
            guard value.utf8.allSatisfy({ $0 >= 0x20 || $0 == 0x09 }), !value.utf8.contains(0x7F) else {
                throw HTTPClientError(.invalidRequest, "invalid characters in the value of header \(name)")
            }
        }
    }

    /// Whether `text` is a non-empty RFC 9110 token.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    /// Whether `byte` is an RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
