#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a request goes: scheme, host, port and the origin-form request target.
struct RequestTarget: Sendable, Equatable {
    /// Whether the scheme is `https`.
    let isTLS: Bool
    /// The host name or IP literal (IPv6 without brackets).
    let host: String
    /// The TCP port.
    let port: Int
    /// The origin-form target, e.g. `/a%20b?x=1`.
    let path: String

    /// Whether the host is an IPv6 literal.
    var isIPv6Literal: Bool { host.contains(":") }

    /// `host:port` as written in messages and in `Host` (IPv6 literals bracketed).
    var authority: String { "\(bracketedHost):\(port)" }

    /// The `Host` header value (port omitted when it is the scheme's default).
    var hostHeader: String {
        port == (isTLS ? 443 : 80) ? bracketedHost : authority
    }

    private var bracketedHost: String { isIPv6Literal ? "[\(host)]" : host }

    /// Parses `url`, rejecting anything but absolute http/https URLs with a host.
    ///
    /// Uses `URL`'s percent-encoded accessors only, so no IDNA/ICU work is triggered.
    init(url: URL) throws(HTTPClientError) {
        let url = url.absoluteURL
        guard let scheme = url.scheme?.lowercased() else {
            throw HTTPClientError(.unsupportedURL, "unsupported URL \(url.absoluteString): not an absolute URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw HTTPClientError(.unsupportedURL, "unsupported URL \(url.absoluteString): scheme \(scheme) is not http or https")
        }
        let rawHost = url.host(percentEncoded: true) ?? ""
        let host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        guard !host.isEmpty, !host.contains("%"), host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPClientError(.unsupportedURL, "unsupported URL \(url.absoluteString): missing or invalid host")
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else {
            throw HTTPClientError(.unsupportedURL, "unsupported URL \(url.absoluteString): invalid port \(port)")
        }
        isTLS = scheme == "https"
        self.host = host
        self.port = port
        let path = url.path(percentEncoded: true)
        let origin = path.isEmpty ? "/" : path
        self.path = url.query(percentEncoded: true).map { origin + "?" + $0 } ?? origin
    }
}
