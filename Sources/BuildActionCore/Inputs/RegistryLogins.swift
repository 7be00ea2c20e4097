/// All registry logins: the shortcut inputs (Docker Hub, Alibaba Cloud ACR, GHCR) merged
/// with `registry-auth` entries, at most one per canonical registry.
///
/// Shortcut rules (values are trimmed like `core.getInput`): both fields empty → no login;
/// user name set but password empty → skipped with a warning (fork pull requests); password
/// set but user name empty → error. A `registry-auth` entry replaces a shortcut for the same
/// registry in place (with a warning); other entries follow in input order.
public struct RegistryLogins: Sendable, Equatable {
    /// The logins to perform, in order.
    public let credentials: [RegistryCredentials]
    /// Warnings to print; they never contain passwords.
    public let warnings: [String]

    /// Validates and merges `inputs`.
    public init(_ inputs: RegistryLoginInputs) throws(InputError) {
        var warnings: [String] = []
        var merged: [RegistryCredentials] = []
        let dockerHub = try RegistryLogins.host("dockerhub-registry", inputs.dockerHubRegistry, default: RegistryHost.dockerHub)
        let aliyun = try RegistryLogins.host("aliyun-registry", inputs.aliyunRegistry, default: RegistryLoginInputs.defaultAliyunRegistry)
        let ghcr = try RegistryLogins.host("ghcr-registry", inputs.ghcrRegistry, default: RegistryLoginInputs.defaultGHCRRegistry)
        let shortcuts: [(String, String, String, String)] = [
            ("dockerhub", dockerHub, inputs.dockerHubUsername, inputs.dockerHubPassword),
            ("aliyun", aliyun, inputs.aliyunUsername, inputs.aliyunPassword),
            ("ghcr", ghcr, inputs.ghcrUsername, inputs.ghcrPassword)
        ]
        for (prefix, registry, username, password) in shortcuts {
            if let login = try RegistryLogins.shortcut(prefix, registry, username, password, &warnings) {
                merged.append(login)
            }
        }
        let auth = try RegistryAuth(parsing: inputs.registryAuth)
        warnings += auth.warnings
        for login in auth.credentials {
            if let index = merged.firstIndex(where: { $0.registry == login.registry }) {
                warnings.append("registry-auth: the entry for \(login.registry) replaces the \(RegistryLogins.prefix(of: index, merged, shortcuts))-username/password inputs.")
                merged[index] = login
            } else {
                merged.append(login)
            }
        }
        credentials = merged
        self.warnings = warnings
    }

    /// The login for `registry` (compared canonically: case-insensitive, Docker Hub aliases
    /// and the empty string all mean `docker.io`), or nil.
    public func credentials(for registry: String) -> RegistryCredentials? {
        let key = RegistryHost.canonical(registry)
        return credentials.first { $0.registry == key }
    }

    private static func prefix(of index: Int, _ merged: [RegistryCredentials],
                               _ shortcuts: [(String, String, String, String)]) -> String {
        shortcuts.first { $0.1 == merged[index].registry }?.0 ?? "shortcut"
    }

    /// The registry host of a shortcut (`input`, e.g. `aliyun-registry`); empty means `fallback`.
    private static func host(_ input: String, _ raw: String, default fallback: String) throws(InputError) -> String {
        let value = InputText.trimmed(raw)
        guard !value.isEmpty else { return fallback }
        if value.contains("://") {
            throw InputError(input: input, value: raw, reason: "includes a URL scheme",
                             fix: "Write the host only, like \(fallback).")
        }
        let host = RegistryHost.canonical(value)
        guard RegistryHost.isValid(host) else {
            throw InputError(input: input, value: raw, reason: "is not a registry host",
                             fix: "Write host[:port], like \(fallback).")
        }
        return host
    }

    private static func shortcut(_ prefix: String, _ registry: String, _ rawUser: String, _ rawPassword: String,
                                 _ warnings: inout [String]) throws(InputError) -> RegistryCredentials? {
        let username = InputText.trimmed(rawUser), password = InputText.trimmed(rawPassword)
        let userInput = "\(prefix)-username", passwordInput = "\(prefix)-password"
        if username.isEmpty && password.isEmpty { return nil }
        if username.unicodeScalars.contains(where: { InputText.isJSWhitespace($0) || InputText.isControl($0) }) {
            throw InputError(input: userInput, value: rawUser, reason: "contains whitespace or control characters",
                             fix: "Write the user name on one line without spaces.")
        }
        if password.unicodeScalars.contains(where: InputText.isControl) {
            throw InputError.secret(input: passwordInput, reason: "contains a line break or control character",
                                    fix: "Store the password or token as a single line.")
        }
        if username.isEmpty {
            throw InputError(input: userInput, value: rawUser, reason: "is empty while `\(passwordInput)` is set",
                             fix: "Set `\(userInput)` too, or leave both empty to skip the login to \(registry).")
        }
        if password.isEmpty {
            warnings.append("`\(passwordInput)` is empty, so the login to \(registry) is skipped (secrets are empty in pull requests from forks).")
            return nil
        }
        return RegistryCredentials(registry: registry, username: username, password: password)
    }
}
