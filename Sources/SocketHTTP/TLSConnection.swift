import Glibc

/// A TLS session (OpenSSL via `TLSLibrary`) over a non-blocking `SocketConnection`.
final class TLSConnection: ByteStream {
    private enum SSLError {
        static let ssl: Int32 = 1
        static let wantRead: Int32 = 2
        static let wantWrite: Int32 = 3
        static let syscall: Int32 = 5
        static let zeroReturn: Int32 = 6
    }

    private static let ctrlSetTLSExtHostname: Int32 = 55
    private static let nameTypeHostName = 0

    private let socket: SocketConnection
    private let library: TLSLibrary
    private let ssl: OpaquePointer
    private var established = false

    private init(socket: SocketConnection, library: TLSLibrary, ssl: OpaquePointer) {
        self.socket = socket
        self.library = library
        self.ssl = ssl
    }

    deinit {
        if established { _ = library.sslShutdown(ssl) }
        library.sslFree(ssl)
        library.errClearError()
    }

    /// Performs the handshake (SNI for host names, peer and host name verification always on);
    /// `trust` `nil` means the system store.
    static func open(over socket: SocketConnection, host: String, trust: TrustSource?) throws(HTTPClientError) -> TLSConnection {
        let library = try TLSLibrary.shared.get()
        let source = trust ?? TLSContextStore.systemSource(library: library)
        let context = try TLSContextStore.context(for: source, library: library)
        library.errClearError()
        guard let ssl = library.sslNew(context.pointer) else {
            throw HTTPClientError(.tlsFailure, "could not create a TLS session: \(library.drainErrors())")
        }
        let connection = TLSConnection(socket: socket, library: library, ssl: ssl)
        try connection.configure(host: host)
        try connection.handshake()
        return connection
    }

    private func configure(host: String) throws(HTTPClientError) {
        guard library.sslSetFd(ssl, socket.fd) == 1 else {
            throw HTTPClientError(.tlsFailure, "could not attach the TLS session to the socket: \(library.drainErrors())")
        }
        if !Self.isIPLiteral(host) {
            let sent = host.withCString { library.sslCtrl(ssl, Self.ctrlSetTLSExtHostname, Self.nameTypeHostName, UnsafeMutableRawPointer(mutating: $0)) }
            guard sent == 1 else {
                throw HTTPClientError(.tlsFailure, "could not set the TLS server name \(host): \(library.drainErrors())")
            }
        }
        guard library.sslSet1Host(ssl, host) == 1 else {
            throw HTTPClientError(.tlsFailure, "could not set the expected certificate host \(host): \(library.drainErrors())")
        }
    }

    private func handshake() throws(HTTPClientError) {
        while true {
            library.errClearError()
            let result = library.sslConnect(ssl)
            let savedErrno = errno
            if result == 1 { established = true; return }
            let code = library.sslGetError(ssl, result)
            switch code {
            case SSLError.wantRead: try socket.wait(for: Int16(POLLIN), doing: "in the TLS handshake with")
            case SSLError.wantWrite: try socket.wait(for: Int16(POLLOUT), doing: "in the TLS handshake with")
            default: throw handshakeError(code, savedErrno)
            }
        }
    }

    private func handshakeError(_ code: Int32, _ savedErrno: Int32) -> HTTPClientError {
        let prefix = "TLS handshake with \(socket.peer) failed"
        let verify = library.sslGetVerifyResult(ssl)
        if verify != 0 {
            let reason = library.verifyErrorString(verify).map { String(cString: $0) } ?? "error \(verify)"
            return HTTPClientError(.tlsFailure, "\(prefix): certificate verify failed (\(reason))")
        }
        let queued = library.drainErrors()
        if code == SSLError.syscall && queued.isEmpty {
            if savedErrno == 0 { return HTTPClientError(.tlsFailure, "\(prefix): the server closed the connection") }
            return SocketConnection.error(savedErrno, prefix)
        }
        return HTTPClientError(.tlsFailure, "\(prefix): \(queued.isEmpty ? "SSL error \(code)" : queued)")
    }

    /// Reads decrypted bytes; 0 at end of stream (close_notify or EOF).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        while true {
            library.errClearError()
            let result = library.sslRead(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
            let savedErrno = errno
            if result > 0 { return Int(result) }
            let code = library.sslGetError(ssl, result)
            if code == SSLError.zeroReturn || (code == SSLError.syscall && savedErrno == 0) { return 0 }
            try retryOrThrow(code, savedErrno, doing: "reading from")
        }
    }

    /// Encrypts and writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            library.errClearError()
            let result = library.sslWrite(ssl, base + offset, Int32(clamping: bytes.count - offset))
            let savedErrno = errno
            if result > 0 {
                offset += Int(result)
                continue
            }
            try retryOrThrow(library.sslGetError(ssl, result), savedErrno, doing: "writing to")
        }
    }

    private func retryOrThrow(_ code: Int32, _ savedErrno: Int32, doing: String) throws(HTTPClientError) {
        switch code {
        case SSLError.wantRead: try socket.wait(for: Int16(POLLIN), doing: doing == "reading from" ? "waiting for data from" : doing)
        case SSLError.wantWrite: try socket.wait(for: Int16(POLLOUT), doing: doing)
        case SSLError.syscall where savedErrno != 0 && savedErrno != EINTR:
            throw SocketConnection.error(savedErrno, "\(doing) \(socket.peer) failed")
        case SSLError.syscall where savedErrno == EINTR:
            return
        default:
            let queued = library.drainErrors()
            throw HTTPClientError(.tlsFailure, "TLS error \(doing) \(socket.peer): \(queued.isEmpty ? "SSL error \(code)" : queued)")
        }
    }

    /// Whether `host` is an IPv4 or IPv6 literal (no SNI is sent for those, RFC 6066).
    static func isIPLiteral(_ host: String) -> Bool {
        var buffer = in6_addr()
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }
}
