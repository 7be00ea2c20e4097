/// One `NO_PROXY` entry: `*`, an IP, a CIDR block, or a domain (`example.com` matches it and its
/// subdomains, `.example.com` and `*.example.com` only subdomains), each optionally with a port.
struct NoProxyRule: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case all
        case address(IPAddress)
        case block(IPAddress, prefix: Int)
        case domain(suffix: String, matchesItself: Bool)
    }

    let kind: Kind
    let port: Int?

    /// The rules of a comma-separated list, malformed entries left out (as Go does).
    static func parse(_ list: String) -> [NoProxyRule] {
        var rules: [NoProxyRule] = []
        for raw in list.split(separator: ",") {
            let entry = String(raw).trimmingSpaces.lowercased()
            guard !entry.isEmpty else { continue }
            if entry == "*" { return [NoProxyRule(kind: .all, port: nil)] }
            if let slash = entry.firstIndex(of: "/"), let address = IPAddress(String(entry[..<slash])),
               let prefix = Int(entry[entry.index(after: slash)...]), (0...address.bytes.count * 8).contains(prefix) {
                rules.append(NoProxyRule(kind: .block(address, prefix: prefix), port: nil))
                continue
            }
            var host = entry
            var port: Int?
            if let (splitHost, splitPort) = HostPort.split(entry, defaultPort: nil), splitPort != nil || entry.hasPrefix("[") {
                guard !splitHost.isEmpty else { continue }
                host = splitHost
                port = splitPort
            }
            if let address = IPAddress(host) {
                rules.append(NoProxyRule(kind: .address(address), port: port))
                continue
            }
            if host.hasPrefix("*.") { host.removeFirst() }
            guard !host.isEmpty, host != "." else { continue }
            let matchesItself = !host.hasPrefix(".")
            rules.append(NoProxyRule(kind: .domain(suffix: matchesItself ? "." + host : host, matchesItself: matchesItself), port: port))
        }
        return rules
    }

    /// Whether a request to `host:port` (lower-cased host) goes direct because of this rule.
    func matches(host: String, port: Int, address: IPAddress?) -> Bool {
        if let required = self.port, required != port { return false }
        switch kind {
        case .all:
            return true
        case .address(let rule):
            return address == rule
        case .block(let network, let prefix):
            guard let address else { return false }
            return address.isIn(network, prefix: prefix)
        case .domain(let suffix, let matchesItself):
            return host.hasSuffix(suffix) || (matchesItself && host == String(suffix.dropFirst()))
        }
    }
}
