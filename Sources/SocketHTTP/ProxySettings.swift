import Foundation
import Glibc

/// The proxies the environment names, read as Go's `http.ProxyFromEnvironment` reads them
/// (docker, buildx and go-containerregistry do): `HTTPS_PROXY`/`https_proxy` for https URLs,
/// `HTTP_PROXY`/`http_proxy` for http URLs (upper case first), `NO_PROXY`/`no_proxy` for the
/// exceptions, and loopback hosts never proxied. https goes through a `CONNECT` tunnel.
/// https://pkg.go.dev/golang.org/x/net/http/httpproxy#Config
public struct ProxySettings: Sendable, Equatable {
    /// A proxy to send requests through.
    public struct Endpoint: Sendable, Equatable {
        /// The proxy's host (IPv6 without brackets).
        public let host: String
        /// Its port.
        public let port: Int
        /// `Basic ...` for a proxy URL with user information, sent as `Proxy-Authorization`.
        let authorization: String?
        /// The password of that user information (to mask), when there is one.
        let password: String?
        /// The variable it came from (`HTTPS_PROXY`), for messages.
        public let source: String

        /// `http://host:port` (never the user information), for messages.
        public var display: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
    }

    /// The proxy for http URLs.
    public let http: Endpoint?
    /// The proxy for https URLs.
    public let https: Endpoint?
    private let exceptions: [NoProxyRule]

    /// No proxy at all.
    public static let none = ProxySettings(http: nil, https: nil, exceptions: [])

    private init(http: Endpoint?, https: Endpoint?, exceptions: [NoProxyRule]) {
        self.http = http
        self.https = https
        self.exceptions = exceptions
    }

    /// The settings in `environment`; a proxy value that is not an http proxy URL is an error
    /// naming the variable (its password hidden).
    public init(environment: [String: String]) throws(ProxyError) {
        func first(_ names: String...) -> (String, String)? {
            for name in names { if let value = environment[name], !value.trimmingSpaces.isEmpty { return (name, value.trimmingSpaces) } }
            return nil
        }
        let http = try first("HTTP_PROXY", "http_proxy").map { name, value throws(ProxyError) in try Self.endpoint(value, source: name) }
        let https = try first("HTTPS_PROXY", "https_proxy").map { name, value throws(ProxyError) in try Self.endpoint(value, source: name) }
        let exceptions = first("NO_PROXY", "no_proxy").map { NoProxyRule.parse($0.1) } ?? []
        self.init(http: http, https: https, exceptions: exceptions)
    }

    /// The proxies' passwords and authorization values, to mask before anything is printed.
    public var secrets: [String] {
        [http, https].compactMap { $0 }.flatMap { [$0.password, $0.authorization].compactMap { $0 } }.filter { !$0.isEmpty }
    }

    /// Whether any proxy is set.
    public var isEmpty: Bool { http == nil && https == nil }

    /// The proxy for a request to `host:port` over `https` or not; nil to connect directly.
    public func endpoint(tls: Bool, host: String, port: Int) -> Endpoint? {
        guard let proxy = tls ? https : http else { return nil }
        let lowered = host.lowercased()
        if lowered == "localhost" { return nil }
        let address = IPAddress(lowered)
        if address?.isLoopback == true { return nil }
        return exceptions.contains { $0.matches(host: lowered, port: port, address: address) } ? nil : proxy
    }

    /// Parses a proxy value: `http://[user:password@]host[:port]`, or `host:port` (taken as http).
    static func endpoint(_ value: String, source: String) throws(ProxyError) -> Endpoint {
        var rest = Substring(value)
        var scheme = "http"
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        let shown = ProxyError.redacted(value)
        guard scheme == "http" else {
            let why = scheme == "https" ? "proxies reached over https are not supported" : "\(scheme) proxies are not supported"
            throw ProxyError(variable: source, value: shown, reason: why)
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var authorization: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = ProxyError.percentDecoded(String(rest[..<at]))
            authorization = "Basic " + Base64.encode(Array(credentials.utf8))
            password = credentials.firstIndex(of: ":").map { String(credentials[credentials.index(after: $0)...]) }
            rest = rest[rest.index(after: at)...]
        }
        guard let (host, port) = HostPort.split(String(rest), defaultPort: 80), let port, !host.isEmpty else {
            throw ProxyError(variable: source, value: shown, reason: "it names no proxy host")
        }
        return Endpoint(host: host, port: port, authorization: authorization, password: password, source: source)
    }
}
