/// Registry host names: the docker reference grammar's `domain`, Docker Hub aliases and
/// loopback detection (the only hosts where plain HTTP is acceptable).
public enum RegistryHost {
    /// The canonical Docker Hub host, used when an image name has no registry.
    public static let dockerHub = "docker.io"

    /// Host names that all mean Docker Hub (the empty string included).
    public static let dockerHubAliases: Set<String> = ["", "docker.io", "index.docker.io", "registry-1.docker.io"]

    /// Whether `host` matches the docker reference `domain` grammar:
    /// labels of letters, digits and inner `-`, joined by `.`, then an optional `:port` of digits.
    /// IPv6 literals are not supported.
    public static func isValid(_ host: String) -> Bool {
        let (name, port) = splitPort(host)
        if let port, port.isEmpty || !port.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return false
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { isValidLabel(Substring($0)) }
    }

    /// The lookup key for `host`: lower-cased, with every Docker Hub alias turned into `docker.io`.
    public static func canonical(_ host: String) -> String {
        let lower = InputText.asciiLowercased(InputText.trimmed(host))
        return dockerHubAliases.contains(lower) ? dockerHub : lower
    }

    /// Whether `host` (with or without `:port`) is `localhost`, in 127.0.0.0/8, or `::1`
    /// (bare or as `[::1]`, `[::1]:port`).
    public static func isLoopback(_ host: String) -> Bool {
        let lower = InputText.asciiLowercased(host)
        if lower == "::1" { return true }
        if lower.hasPrefix("[") {
            return bracketedHost(lower) == "::1"
        }
        let (name, port) = splitPort(lower)
        if let port, port.isEmpty || !port.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return false
        }
        return name == "localhost" || isLoopbackIPv4(name)
    }

    private static func splitPort(_ host: String) -> (String, String?) {
        guard let colon = host.firstIndex(of: ":") else { return (host, nil) }
        return (String(host[..<colon]), String(host[host.index(after: colon)...]))
    }

    private static func bracketedHost(_ text: String) -> String? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let inside = String(text[text.index(after: text.startIndex)..<close])
        let rest = text[text.index(after: close)...]
        if rest.isEmpty { return inside }
        guard rest.hasPrefix(":"), rest.count > 1,
              rest.dropFirst().unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return inside
    }

    private static func isValidLabel(_ label: Substring) -> Bool {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard InputText.isAlnum(first), InputText.isAlnum(last) else { return false }
        return scalars.allSatisfy { InputText.isAlnum($0) || $0 == "-" }
    }

    private static func isLoopbackIPv4(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.count),
                  part.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
                  let number = Int(part) else { return false }
            return number <= 255
        }
    }
}
