import Glibc

/// Where a TLS context takes its trusted CA certificates from.
enum TrustSource: Hashable, Sendable {
    /// Only the certificates in this PEM file.
    case file(String)
    /// Only the certificates in this OpenSSL hashed directory (`<hash>.0` files), loaded lazily.
    case directory(String)
    /// An optional PEM bundle (parsed eagerly) plus `:`-separated hashed directories (lazy).
    case locations(file: String?, directories: String?)
    /// `SSL_CTX_set_default_verify_paths`: `SSL_CERT_FILE`/`SSL_CERT_DIR` or the compiled-in
    /// defaults (the default bundle is parsed eagerly, ~35 ms for 140 certificates on OpenSSL 3.0).
    case openSSLDefaults

    /// The system store, trusting what `SSL_CTX_set_default_verify_paths` would trust but lazily.
    ///
    /// OpenSSL's defaults are "bundle file (`SSL_CERT_FILE` or the default `cert.pem`) + hashed
    /// directory (`SSL_CERT_DIR` or the default `certs/`)". On Debian/Ubuntu the default directory
    /// holds hash links to the same certificates as the default bundle, so when it has hash links the
    /// default bundle is not parsed and issuers are looked up per handshake instead. An explicit
    /// `SSL_CERT_FILE` is always loaded. Without usable hash links the plain OpenSSL defaults apply.
    static func system(environment: (String) -> String?, defaultDirectory: String?,
                       hasHashedEntries: (String) -> Bool) -> TrustSource {
        let file = environment("SSL_CERT_FILE").flatMap { $0.isEmpty ? nil : $0 }
        let directory = environment("SSL_CERT_DIR").flatMap { $0.isEmpty ? nil : $0 }
        let usableDefault = defaultDirectory.flatMap { hasHashedEntries($0) ? $0 : nil }
        guard usableDefault != nil || file != nil else { return .openSSLDefaults }
        let directories = [directory, usableDefault].compactMap { $0 }
        return .locations(file: file, directories: directories.isEmpty ? nil : directories.joined(separator: ":"))
    }

    /// Reads a process environment variable.
    static func processEnvironment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Whether `path` is a directory holding at least one `xxxxxxxx.N` hash link (stops at the first).
    static func directoryHasHashedEntries(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if isHashName(name) { return true }
        }
        return false
    }

    /// Whether `name` looks like `0a1b2c3d.0` (eight hex digits, a dot, a decimal suffix).
    static func isHashName(_ name: [UInt8]) -> Bool {
        guard name.count >= 10, name[8] == UInt8(ascii: ".") else { return false }
        let isHex: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        return name[0..<8].allSatisfy(isHex) && name[9...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
