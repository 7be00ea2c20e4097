/// A `WWW-Authenticate` challenge from a registry: `Basic realm="..."` or
/// `Bearer realm="...",service="...",scope="..."` (the token flow Docker Hub, GHCR and ACR use).
/// https://distribution.github.io/distribution/spec/auth/token/
public struct AuthChallenge: Sendable, Equatable {
    /// `basic` or `bearer` (lower-cased).
    public let scheme: String
    /// The parameters, names lower-cased.
    public let parameters: [String: String]

    /// A challenge from its parts.
    public init(scheme: String, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// Parses the first challenge of a header value; nil when there is none.
    public init?(header: String) {
        var scanner = Substring(header).drop { $0 == " " }
        let scheme = scanner.prefix { $0 != " " && $0 != "," }
        guard !scheme.isEmpty else { return nil }
        scanner = scanner.dropFirst(scheme.count).drop { $0 == " " }
        var parameters: [String: String] = [:]
        while !scanner.isEmpty {
            let name = scanner.prefix { $0 != "=" && $0 != "," }.trimmingCharacters(in: " ")
            scanner = scanner.dropFirst(scanner.prefix { $0 != "=" && $0 != "," }.count)
            guard scanner.first == "=" else { break }
            scanner = scanner.dropFirst().drop { $0 == " " }
            var value = ""
            if scanner.first == "\"" {
                scanner = scanner.dropFirst()
                while let character = scanner.first, character != "\"" {
                    if character == "\\", let escaped = scanner.dropFirst().first {
                        value.append(escaped)
                        scanner = scanner.dropFirst(2)
                    } else {
                        value.append(character)
                        scanner = scanner.dropFirst()
                    }
                }
                scanner = scanner.dropFirst()
            } else {
                value = String(scanner.prefix { $0 != "," }).trimmingCharacters(in: " ")
                scanner = scanner.dropFirst(scanner.prefix { $0 != "," }.count)
            }
            parameters[name.lowercased()] = value
            scanner = scanner.drop { $0 == " " || $0 == "," }
        }
        self.init(scheme: scheme.lowercased(), parameters: parameters)
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
