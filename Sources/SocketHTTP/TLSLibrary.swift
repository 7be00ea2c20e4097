import Glibc

/// OpenSSL 3 entry points, resolved with `dlopen`/`dlsym` on first use (no link-time dependency).
struct TLSLibrary: @unchecked Sendable {
    typealias MethodFn = @convention(c) () -> OpaquePointer?
    typealias CtxNewFn = @convention(c) (OpaquePointer?) -> OpaquePointer?
    typealias FreeFn = @convention(c) (OpaquePointer?) -> Void
    typealias IntFn = @convention(c) (OpaquePointer?) -> Int32
    typealias LoadLocationsFn = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    typealias SetVerifyFn = @convention(c) (OpaquePointer?, Int32, OpaquePointer?) -> Void
    typealias CtrlFn = @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    typealias SetFdFn = @convention(c) (OpaquePointer?, Int32) -> Int32
    typealias SetHostFn = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    typealias ReadFn = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    typealias WriteFn = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32) -> Int32
    typealias GetErrorFn = @convention(c) (OpaquePointer?, Int32) -> Int32
    typealias VerifyResultFn = @convention(c) (OpaquePointer?) -> Int
    typealias VerifyStringFn = @convention(c) (Int) -> UnsafePointer<CChar>?
    typealias ErrGetFn = @convention(c) () -> UInt
    typealias ErrStringFn = @convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void
    typealias ErrClearFn = @convention(c) () -> Void
    typealias StringFn = @convention(c) () -> UnsafePointer<CChar>?
    typealias SetOptionsFn = @convention(c) (OpaquePointer?, UInt64) -> UInt64

    let clientMethod: MethodFn
    let ctxNew: CtxNewFn
    let ctxFree: FreeFn
    let ctxSetDefaultVerifyPaths: IntFn
    let ctxLoadVerifyLocations: LoadLocationsFn
    let ctxSetVerify: SetVerifyFn
    let ctxCtrl: CtrlFn
    let ctxSetOptions: SetOptionsFn
    let sslNew: CtxNewFn
    let sslFree: FreeFn
    let sslSetFd: SetFdFn
    let sslCtrl: CtrlFn
    let sslSet1Host: SetHostFn
    let sslConnect: IntFn
    let sslRead: ReadFn
    let sslWrite: WriteFn
    let sslShutdown: IntFn
    let sslGetError: GetErrorFn
    let sslGetVerifyResult: VerifyResultFn
    let verifyErrorString: VerifyStringFn
    let errGetError: ErrGetFn
    let errErrorString: ErrStringFn
    let errClearError: ErrClearFn
    let defaultCertDir: StringFn

    /// Library file names tried, in order.
    static let sslNames = OpenSSLFiles.ssl
    /// Library file names tried, in order.
    static let cryptoNames = OpenSSLFiles.crypto

    /// The process-wide library, loaded once (thread-safe lazy global) and cached, failure included.
    static let shared: Result<TLSLibrary, HTTPClientError> = load(sslNames: sslNames, cryptoNames: cryptoNames)

    /// Loads the libraries named (first that opens wins) and resolves every symbol.
    static func load(sslNames: [String], cryptoNames: [String]) -> Result<TLSLibrary, HTTPClientError> {
        Result { () throws(HTTPClientError) in
            let ssl = try open(sslNames)
            let crypto = try open(cryptoNames)
            return try TLSLibrary(ssl: Symbols(handle: ssl), crypto: Symbols(handle: crypto))
        }
    }

    private static func open(_ names: [String]) throws(HTTPClientError) -> UnsafeMutableRawPointer {
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return handle }
            reasons.append(dlerror().map { String(cString: $0) } ?? name)
        }
        throw HTTPClientError(.tlsUnavailable,
            "https is unavailable: could not load \(names.first ?? "libssl.so.3") (OpenSSL 3; on Debian/Ubuntu install the package libssl3): "
            + reasons.joined(separator: "; "))
    }

    private init(ssl: Symbols, crypto: Symbols) throws(HTTPClientError) {
        clientMethod = try ssl.get("TLS_client_method")
        ctxNew = try ssl.get("SSL_CTX_new")
        ctxFree = try ssl.get("SSL_CTX_free")
        ctxSetDefaultVerifyPaths = try ssl.get("SSL_CTX_set_default_verify_paths")
        ctxLoadVerifyLocations = try ssl.get("SSL_CTX_load_verify_locations")
        ctxSetVerify = try ssl.get("SSL_CTX_set_verify")
        ctxCtrl = try ssl.get("SSL_CTX_ctrl")
        ctxSetOptions = try ssl.get("SSL_CTX_set_options")
        sslNew = try ssl.get("SSL_new")
        sslFree = try ssl.get("SSL_free")
        sslSetFd = try ssl.get("SSL_set_fd")
        sslCtrl = try ssl.get("SSL_ctrl")
        sslSet1Host = try ssl.get("SSL_set1_host")
        sslConnect = try ssl.get("SSL_connect")
        sslRead = try ssl.get("SSL_read")
        sslWrite = try ssl.get("SSL_write")
        sslShutdown = try ssl.get("SSL_shutdown")
        sslGetError = try ssl.get("SSL_get_error")
        sslGetVerifyResult = try ssl.get("SSL_get_verify_result")
        verifyErrorString = try crypto.get("X509_verify_cert_error_string")
        errGetError = try crypto.get("ERR_get_error")
        errErrorString = try crypto.get("ERR_error_string_n")
        errClearError = try crypto.get("ERR_clear_error")
        defaultCertDir = try crypto.get("X509_get_default_cert_dir")
    }

    /// Drains the thread's OpenSSL error queue into one line (empty when the queue is empty).
    func drainErrors() -> String {
        var messages: [String] = []
        while case let code = errGetError(), code != 0 {
            var text = [CChar](repeating: 0, count: 256)
            errErrorString(code, &text, text.count)
            messages.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.joined(separator: "; ")
    }
}

/// `dlsym` lookups in one library handle.
private struct Symbols {
    let handle: UnsafeMutableRawPointer

    func get<T>(_ name: String) throws(HTTPClientError) -> T {
        guard let pointer = dlsym(handle, name) else {
            throw HTTPClientError(.tlsUnavailable, "https is unavailable: symbol \(name) not found in libssl.so.3/libcrypto.so.3 (OpenSSL 3 required, Debian package libssl3)")
        }
        return unsafeBitCast(pointer, to: T.self)
    }
}
