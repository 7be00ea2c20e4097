/// Turns parsed `registry-auth` entries into credentials, checking keys and values.
/// Problems are reported as `YAMLSubsetError`s (fixed texts and line numbers only).
struct RegistryAuthReader {
    /// The input name, for warnings.
    let input: String
    /// Credentials collected so far.
    private(set) var credentials: [RegistryCredentials] = []
    /// Warnings collected so far.
    private(set) var warnings: [String] = []

    /// Creates an empty reader for `input`.
    init(input: String) {
        self.input = input
    }

    /// Checks one entry and adds its credentials (or a warning when its password is empty).
    mutating func add(_ entry: YAMLSubsetDocument.Entry) throws(YAMLSubsetError) {
        var fields: [String: YAMLSubsetDocument.Pair] = [:]
        for pair in entry.pairs {
            guard RegistryAuth.keys.contains(pair.key) else { throw unknownKey(pair) }
            fields[pair.key] = pair
        }
        guard let username = fields["username"] else { throw missing("username", entry.line) }
        guard let password = fields["password"] else { throw missing("password", entry.line) }
        let registry = try registryHost(fields["registry"])
        try checkSingleLine(username)
        try checkSingleLine(password)
        if let ecr = fields["ecr"] {
            warnings.append("\(input): `ecr` on line \(ecr.line) is ignored; this action logs in with username and password only.")
        }
        if password.value.isEmpty {
            warnings.append("\(input): the entry on line \(entry.line) has an empty password and is skipped (secrets are empty in pull requests from forks).")
            return
        }
        if username.value.isEmpty {
            throw YAMLSubsetError(line: username.line, problem: "an empty `username`",
                                  fix: "Set `username:`, or remove the entry.")
        }
        if credentials.contains(where: { $0.registry == registry }) {
            throw YAMLSubsetError(line: entry.line, problem: "a second entry for the same registry",
                                  fix: "Give each registry once; docker.io, index.docker.io and registry-1.docker.io are the same.")
        }
        credentials.append(RegistryCredentials(registry: registry, username: username.value, password: password.value))
    }

    private func registryHost(_ pair: YAMLSubsetDocument.Pair?) throws(YAMLSubsetError) -> String {
        guard let pair else { return RegistryHost.dockerHub }
        if pair.value.contains("://") {
            throw YAMLSubsetError(line: pair.line, problem: "a URL as `registry`",
                                  fix: "Write the host only, like ghcr.io or registry.cn-hangzhou.aliyuncs.com.")
        }
        let host = RegistryHost.canonical(pair.value)
        guard host == RegistryHost.dockerHub || RegistryHost.isValid(host) else {
            throw YAMLSubsetError(line: pair.line, problem: "an invalid `registry`",
                                  fix: "Write host[:port], like ghcr.io or localhost:5000.")
        }
        return host
    }

    private func checkSingleLine(_ pair: YAMLSubsetDocument.Pair) throws(YAMLSubsetError) {
        if pair.value.unicodeScalars.contains(where: InputText.isControl) {
            throw YAMLSubsetError(line: pair.line, problem: "a control character in `\(pair.key)`",
                                  fix: "User names and passwords must be single-line text without tabs or escapes like \\n.")
        }
    }

    private func unknownKey(_ pair: YAMLSubsetDocument.Pair) -> YAMLSubsetError {
        let candidates = RegistryAuth.keys.map { ($0, $0) }
        let keys = "The keys are registry, username, password and ecr."
        let fix = EditDistance.closest(to: InputText.asciiLowercased(pair.key), in: candidates)
            .map { "Did you mean `\($0)`? \(keys)" } ?? keys
        return YAMLSubsetError(line: pair.line, problem: "an unknown key", fix: fix)
    }

    private func missing(_ key: String, _ line: Int) -> YAMLSubsetError {
        YAMLSubsetError(line: line, problem: "an entry without `\(key)`", fix: "Add `\(key):` under the entry's `-`.")
    }
}
