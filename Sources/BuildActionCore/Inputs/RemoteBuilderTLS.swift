/// TLS to a remote BuildKit (`builder-endpoint`, buildx's `remote` driver): the CA that signed
/// buildkitd's certificate and, for mutual TLS, a client certificate and key, as PEM contents
/// (from secrets; the action writes them to 0600 files for buildx), and the name to check the
/// server's certificate for.
///
/// A `tcp://` endpoint carries build secrets, registry credentials and the sources: to another
/// host than this one it needs TLS, or `builder-insecure: true` said by name.
///
/// - SeeAlso: https://github.com/docker/buildx/blob/master/driver/remote/factory.go (cacert,
///   cert, key, servername; TLS needs cacert, and cert and key go together)
public struct RemoteBuilderTLS: Sendable, Equatable {
    /// `builder-tls-ca`: the CA certificate(s), PEM.
    public var ca: String
    /// `builder-tls-cert`: the client certificate, PEM (mutual TLS), or nil.
    public var cert: String?
    /// `builder-tls-key`: the client key, PEM (mutual TLS), or nil.
    public var key: String?
    /// `builder-tls-server-name`, or nil for the endpoint's host.
    public var serverName: String?

    /// TLS from its parts.
    public init(ca: String, cert: String?, key: String?, serverName: String?) {
        self.ca = ca
        self.cert = cert
        self.key = key
        self.serverName = serverName
    }

    /// The files buildx reads (absolute paths), and the server name.
    public struct Files: Sendable, Equatable {
        /// `cacert=`.
        public var ca: String
        /// `cert=`, or nil.
        public var cert: String?
        /// `key=`, or nil.
        public var key: String?
        /// `servername=`, or nil.
        public var serverName: String?

        /// Files from their paths.
        public init(ca: String, cert: String?, key: String?, serverName: String?) {
            self.ca = ca
            self.cert = cert
            self.key = key
            self.serverName = serverName
        }

        /// `--driver-opt` values, one option each (CSV-quoted when a path holds `,` or `"`).
        var driverOptions: [String] {
            [("cacert", ca), ("cert", cert), ("key", key), ("servername", serverName)].compactMap { name, value in
                value.map { Self.csvField(name + "=" + $0) }
            }
        }

        /// buildx reads each `--driver-opt` as one CSV record.
        static func csvField(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// Every value to mask: each whole, and each line of it but the `-----BEGIN/END` armour.
    public var secretValues: [String] {
        [ca, cert, key].compactMap { $0 }.flatMap { value in
            [value] + value.split(whereSeparator: \.isNewline).map { InputText.trimmed(String($0)) }
                .filter { $0.count >= 8 && !$0.hasPrefix("-----") }
        }
    }

    /// Reads and checks the TLS inputs for `endpoint` (nil when unset); `value(name)` gives an
    /// input's raw value. Refuses plain-text TCP to another host unless `insecure`.
    public static func read(endpoint: String?, insecure: Bool, value: (String) -> String) throws(InputError) -> RemoteBuilderTLS? {
        func given(_ text: String) -> String? { InputText.trimmed(text).isEmpty ? nil : text }
        let ca = given(value("builder-tls-ca")), cert = given(value("builder-tls-cert")), key = given(value("builder-tls-key"))
        let serverName = given(value("builder-tls-server-name")).map(InputText.trimmed)
        let named = [("builder-tls-ca", ca), ("builder-tls-cert", cert), ("builder-tls-key", key), ("builder-tls-server-name", serverName)]
        guard let endpoint else {
            if let set = named.first(where: { $0.1 != nil }) {
                throw InputError(input: "builder-endpoint", value: "", reason: "is empty while \(set.0) is set",
                                 fix: "The builder-tls-* inputs are for a remote BuildKit: set builder-endpoint to its tcp:// address, or remove them.")
            }
            return nil
        }
        let isTCP = endpoint.hasPrefix("tcp://")
        if !isTCP, let set = named.first(where: { $0.1 != nil }) {
            throw InputError(input: set.0, value: set.0 == "builder-tls-server-name" ? set.1 ?? "" : InputError.maskedValue,
                             reason: "is set for \(endpoint), which is not a tcp:// address",
                             fix: "TLS applies to tcp:// endpoints (buildx's remote driver); unix://, ssh:// and the others have their own transport. Remove it.")
        }
        guard isTCP else { return nil }
        guard let ca else {
            if let set = named.first(where: { $0.1 != nil }) {
                throw InputError(input: "builder-tls-ca", value: "", reason: "is empty while \(set.0) is set",
                                 fix: "Give buildkitd's CA certificate (PEM, from a secret): buildx verifies the server with it.")
            }
            guard insecure || RegistryHost.isLoopback(host(of: endpoint)) else {
                throw InputError(input: "builder-endpoint", value: endpoint,
                                 reason: "is plain-text TCP to another host: build secrets, registry credentials and the sources would cross the network unencrypted",
                                 fix: "Give builder-tls-ca (buildkitd's CA certificate, from a secret) and, for mutual TLS, builder-tls-cert and builder-tls-key; or set builder-insecure: true if you trust the network itself.")
            }
            return nil
        }
        try checkPEM(ca, input: "builder-tls-ca")
        switch (cert, key) {
        case (let cert?, let key?):
            try checkPEM(cert, input: "builder-tls-cert")
            try checkPEM(key, input: "builder-tls-key")
        case (_?, nil):
            throw InputError(input: "builder-tls-key", value: "", reason: "is empty while builder-tls-cert is set",
                             fix: "Mutual TLS needs the client certificate and its key (PEM, from secrets); give both or neither.")
        case (nil, _?):
            throw InputError(input: "builder-tls-cert", value: "", reason: "is empty while builder-tls-key is set",
                             fix: "Mutual TLS needs the client certificate and its key (PEM, from secrets); give both or neither.")
        case (nil, nil):
            break
        }
        if let serverName, serverName.isEmpty || !serverName.unicodeScalars.allSatisfy({ InputText.isAlnum($0) || ".-:[]".unicodeScalars.contains($0) }) {
            throw InputError(input: "builder-tls-server-name", value: serverName, reason: "is not a host name",
                             fix: "Give the name buildkitd's certificate is for, like buildkitd.example.com.")
        }
        return RemoteBuilderTLS(ca: ca, cert: cert, key: key, serverName: serverName)
    }

    /// `host[:port]` of `tcp://host[:port][/...]`.
    static func host(of endpoint: String) -> String {
        let rest = endpoint.dropFirst("tcp://".count)
        return String(rest.prefix { $0 != "/" })
    }

    /// The value is never quoted: it may be a secret that is not masked yet.
    private static func checkPEM(_ text: String, input: String) throws(InputError) {
        guard text.contains("-----BEGIN ") && text.contains("-----END ") else {
            throw InputError.secret(input: input, reason: "is not PEM (no -----BEGIN ... -----END block)",
                                    fix: "Give the file's contents, not its path: store it as a secret and pass ${{ secrets.NAME }}.")
        }
    }
}
