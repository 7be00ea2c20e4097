import Synchronization

/// Process-wide cache of configured `SSL_CTX` objects, one per trust source.
///
/// Contexts live for the whole process: loading CA certificates is the expensive part of TLS
/// set-up, and an `SSL_CTX` may be shared by sessions on several threads once configured.
enum TLSContextStore {
    /// An `SSL_CTX*`; only used read-only after configuration, which OpenSSL allows across threads.
    struct Context: @unchecked Sendable {
        /// The raw pointer.
        let pointer: OpaquePointer
    }

    /// Created contexts (a list, not a dictionary: there are one or two, and a `Dictionary` keyed by
    /// a custom type costs a conformance scan on first use).
    private static let contexts = Mutex<[Entry]>([])

    private struct Entry {
        let source: TrustSource
        let context: Context
    }

    private static let verifyPeer: Int32 = 0x01
    private static let ctrlSetMinProtoVersion: Int32 = 123
    private static let tls12Version = 0x0303
    private static let optionIgnoreUnexpectedEOF: UInt64 = 1 << 7

    /// The system trust source, decided once per process (see `TrustSource.system`).
    static func systemSource(library: TLSLibrary) -> TrustSource {
        systemSourceCache.withLock { cached in
            if let cached { return cached }
            let source = TrustSource.system(environment: TrustSource.processEnvironment,
                                            defaultDirectory: library.defaultCertDir().map { String(cString: $0) },
                                            hasHashedEntries: TrustSource.directoryHasHashedEntries)
            cached = source
            return source
        }
    }

    private static let systemSourceCache = Mutex<TrustSource?>(nil)

    /// The context for `source`, created and configured on first use.
    static func context(for source: TrustSource, library: TLSLibrary) throws(HTTPClientError) -> Context {
        try contexts.withLock { cache throws(HTTPClientError) -> Context in
            for entry in cache where entry.source == source { return entry.context }
            let created = try make(source, library: library)
            cache.append(Entry(source: source, context: created))
            return created
        }
    }

    private static func make(_ source: TrustSource, library: TLSLibrary) throws(HTTPClientError) -> Context {
        library.errClearError()
        guard let method = library.clientMethod(), let ctx = library.ctxNew(method) else {
            throw HTTPClientError(.tlsFailure, "could not create a TLS context: \(library.drainErrors())")
        }
        library.ctxSetVerify(ctx, verifyPeer, nil)
        _ = library.ctxCtrl(ctx, ctrlSetMinProtoVersion, tls12Version, nil)
        _ = library.ctxSetOptions(ctx, optionIgnoreUnexpectedEOF)
        let loaded: Int32
        switch source {
        case .file(let path): loaded = library.ctxLoadVerifyLocations(ctx, path, nil)
        case .directory(let path): loaded = library.ctxLoadVerifyLocations(ctx, nil, path)
        case .locations(let file, let directories): loaded = library.ctxLoadVerifyLocations(ctx, file, directories)
        case .openSSLDefaults: loaded = library.ctxSetDefaultVerifyPaths(ctx)
        }
        guard loaded == 1 else {
            let reason = library.drainErrors()
            library.ctxFree(ctx)
            throw HTTPClientError(.tlsFailure, "could not load the CA certificates from \(source.label): \(reason)")
        }
        return Context(pointer: ctx)
    }
}

extension TrustSource {
    /// A short description for messages.
    fileprivate var label: String {
        switch self {
        case .file(let path), .directory(let path): return path
        case .locations(let file, let directories): return [file, directories].compactMap { $0 }.joined(separator: " and ")
        case .openSSLDefaults: return "the system store"
        }
    }
}
