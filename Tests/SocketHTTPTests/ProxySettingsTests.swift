import Testing

@testable import SocketHTTP

/// The proxy variables read as Go's `httpproxy.FromEnvironment` reads them (the cases follow
/// golang.org/x/net/http/httpproxy's own tests).
@Suite("Proxy settings from the environment")
struct ProxySettingsTests {
    @Test func upperCaseFirstAndPerScheme() throws {
        let settings = try ProxySettings(environment: [
            "HTTPS_PROXY": "http://secure.proxy:3128", "https_proxy": "http://lower.proxy:1",
            "http_proxy": "plain.proxy:8080",
        ])
        #expect(settings.https?.host == "secure.proxy" && settings.https?.port == 3128 && settings.https?.source == "HTTPS_PROXY")
        #expect(settings.http?.host == "plain.proxy" && settings.http?.port == 8080 && settings.http?.source == "http_proxy")
        #expect(settings.endpoint(tls: true, host: "ghcr.io", port: 443)?.host == "secure.proxy")
        #expect(settings.endpoint(tls: false, host: "example.com", port: 80)?.host == "plain.proxy")
    }

    @Test func noProxyVariablesMeansDirect() throws {
        let settings = try ProxySettings(environment: ["HTTPS_PROXY": "  ", "PATH": "/bin"])
        #expect(settings.isEmpty)
        #expect(settings.endpoint(tls: true, host: "ghcr.io", port: 443) == nil)
    }

    @Test func userInformationBecomesProxyAuthorization() throws {
        let settings = try ProxySettings(environment: ["HTTPS_PROXY": "http://alice:p%40ss@[fd00::1]:3128/"])
        let proxy = try #require(settings.https)
        #expect(proxy.host == "fd00::1" && proxy.port == 3128)
        #expect(proxy.authorization == "Basic YWxpY2U6cEBzcw==")
        #expect(proxy.display == "http://[fd00::1]:3128")
        #expect(settings.secrets.contains("p@ss"))
    }

    @Test(arguments: [
        ("socks5://proxy:1080", "socks5 proxies are not supported"),
        ("https://proxy:443", "proxies reached over https are not supported"),
        ("http://proxy:notaport", "it names no proxy host"),
        ("http://", "it names no proxy host"),
    ])
    func unusableProxiesAreErrors(_ value: String, _ reason: String) {
        #expect(throws: ProxyError(variable: "HTTPS_PROXY", value: value, reason: reason)) {
            try ProxySettings(environment: ["HTTPS_PROXY": value])
        }
    }

    @Test func errorsHideThePassword() throws {
        let error = try #require(throws: ProxyError.self) { try ProxySettings(environment: ["HTTPS_PROXY": "socks5://bob:hunter2@proxy:1080"]) }
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.contains("socks5://bob:***@proxy:1080"))
        #expect(error.description.contains("HTTPS_PROXY"))
    }

    /// NO_PROXY as Go reads it: domains match themselves and their subdomains, a leading dot or
    /// `*.` only subdomains, IPs and CIDR blocks, optional ports; loopback is never proxied.
    @Test(arguments: [
        ("example.com", "example.com", 443, true), ("example.com", "www.example.com", 443, true),
        ("example.com", "notexample.com", 443, false), (".example.com", "example.com", 443, false),
        (".example.com", "a.example.com", 443, true), ("*.example.com", "b.example.com", 443, true),
        ("*.example.com", "example.com", 443, false), ("example.com:5000", "example.com", 5000, true),
        ("example.com:5000", "example.com", 443, false), ("10.0.0.0/8", "10.1.2.3", 443, true),
        ("10.0.0.0/8", "11.1.2.3", 443, false), ("192.168.1.7", "192.168.1.7", 443, true),
        ("[fd00::1]:443", "fd00::1", 443, true), ("fd00::/16", "fd00::9", 443, true),
        ("*", "anything.at.all", 443, true), ("EXAMPLE.com", "Example.COM", 443, true),
        ("", "localhost", 443, true), ("", "127.0.0.1", 443, true), ("", "::1", 443, true),
        ("", "registry.far.test", 5443, false), ("foo.com, , bar.com", "bar.com", 443, true),
    ])
    func noProxyMatching(_ list: String, _ host: String, _ port: Int, _ direct: Bool) throws {
        let settings = try ProxySettings(environment: ["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": list])
        #expect((settings.endpoint(tls: true, host: host, port: port) == nil) == direct)
    }

    @Test func lowerCaseNoProxyCounts() throws {
        let settings = try ProxySettings(environment: ["https_proxy": "proxy:3128", "no_proxy": "ghcr.io"])
        #expect(settings.endpoint(tls: true, host: "ghcr.io", port: 443) == nil)
        #expect(settings.endpoint(tls: true, host: "registry-1.docker.io", port: 443)?.port == 3128)
    }
}
