/// `no-attestations-registries`: registry hosts, exact (`registry.example.com:5000`) or with a
/// leading wildcard label (`*.aliyuncs.com` matches every host below aliyuncs.com).
public struct RegistryPatternList: Sendable, Equatable {
    /// The patterns, canonical (lowercase).
    public let patterns: [String]

    /// The default: Alibaba Cloud ACR, which rejects OCI-artifact attestation manifests.
    public static let attestationRejecting = "*.aliyuncs.com"

    /// Parses comma- or newline-separated patterns; `input` names the input in errors.
    public init(parsing text: String, input: String) throws(InputError) {
        var found: [String] = []
        for piece in text.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let value = InputText.trimmed(String(piece))
            guard !value.isEmpty else { continue }
            let host = value.hasPrefix("*.") ? String(value.dropFirst(2)) : value
            guard !host.isEmpty, !host.contains("://"), !host.contains("*"), RegistryHost.isValid(RegistryHost.canonical(host)) else {
                throw InputError(input: input, value: value, reason: "is not a registry host or *.domain pattern",
                                 fix: "List hosts like registry.example.com or *.aliyuncs.com, separated by commas or lines.")
            }
            found.append(value.hasPrefix("*.") ? "*." + RegistryHost.canonical(host) : RegistryHost.canonical(host))
        }
        patterns = found
    }

    /// Whether `registry` matches a pattern.
    public func matches(_ registry: String) -> Bool {
        let host = RegistryHost.canonical(registry)
        let bare = host.split(separator: ":").first.map(String.init) ?? host
        return patterns.contains { pattern in
            pattern.hasPrefix("*.") ? bare.hasSuffix(String(pattern.dropFirst(1))) : (pattern == host || pattern == bare)
        }
    }
}
