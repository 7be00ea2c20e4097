/// The file names OpenSSL 3's libraries are opened by, in the order tried (`dlopen`): the TLS
/// client and the registry client's SHA-256 use the same ones.
public enum OpenSSLFiles {
    /// libssl.
    public static let ssl = ["libssl.so.3", "libssl.so"]
    /// libcrypto.
    public static let crypto = ["libcrypto.so.3", "libcrypto.so"]
}
