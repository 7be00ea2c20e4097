import SocketHTTP
import Glibc

/// SHA-256 from libcrypto's EVP interface (OpenSSL 3), loaded with `dlopen` as the TLS code
/// loads libssl: several times faster than the portable Swift implementation on large layers.
/// Nil when libcrypto is not installed; callers then use `SHA256` from the core.
struct LibCryptoSHA256: @unchecked Sendable {
    typealias NewFn = @convention(c) () -> OpaquePointer?
    typealias FreeFn = @convention(c) (OpaquePointer?) -> Void
    typealias MethodFn = @convention(c) () -> OpaquePointer?
    typealias InitFn = @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> Int32
    typealias UpdateFn = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32
    typealias FinalFn = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> Int32

    let new: NewFn
    let free: FreeFn
    let sha256: MethodFn
    let initialize: InitFn
    let update: UpdateFn
    let final: FinalFn

    /// The process-wide functions, resolved once; nil without libcrypto 3.
    static let shared: LibCryptoSHA256? = load()

    private static func load() -> LibCryptoSHA256? {
        guard let handle = OpenSSLFiles.crypto.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String) -> T? { dlsym(handle, name).map { unsafeBitCast($0, to: T.self) } }
        guard let new: NewFn = symbol("EVP_MD_CTX_new"), let free: FreeFn = symbol("EVP_MD_CTX_free"),
              let sha256: MethodFn = symbol("EVP_sha256"), let initialize: InitFn = symbol("EVP_DigestInit_ex"),
              let update: UpdateFn = symbol("EVP_DigestUpdate"), let final: FinalFn = symbol("EVP_DigestFinal_ex")
        else { return nil }
        return LibCryptoSHA256(new: new, free: free, sha256: sha256, initialize: initialize, update: update, final: final)
    }

    /// A fresh context, or nil when libcrypto refuses.
    func makeContext() -> OpaquePointer? {
        guard let context = new() else { return nil }
        guard initialize(context, sha256(), nil) == 1 else {
            free(context)
            return nil
        }
        return context
    }

    /// The 32-byte digest; the context is freed.
    func finish(_ context: OpaquePointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        _ = final(context, &output, &length)
        free(context)
        return output
    }
}
