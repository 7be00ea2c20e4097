/// A user name and password for one registry. `description`, `debugDescription` and the
/// reflection mirror never show the password.
public struct RegistryCredentials: Sendable, Equatable, CustomStringConvertible,
                                   CustomDebugStringConvertible, CustomReflectable {
    /// The canonical registry host (`RegistryHost.canonical`), like `docker.io` or `ghcr.io`.
    public let registry: String
    /// The user name.
    public let username: String
    /// The password or token.
    public let password: String

    /// Creates credentials; `registry` is canonicalized (lower-cased, Docker Hub aliases → `docker.io`).
    public init(registry: String, username: String, password: String) {
        self.registry = RegistryHost.canonical(registry)
        self.username = username
        self.password = password
    }

    /// `USERNAME @ REGISTRY (password ***)`.
    public var description: String {
        "\(username) @ \(registry) (password \(InputError.maskedValue))"
    }

    /// Same as `description`: the password stays hidden.
    public var debugDescription: String { "RegistryCredentials(\(description))" }

    /// A mirror that hides the password from `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(self, children: ["registry": registry, "username": username, "password": InputError.maskedValue])
    }
}
