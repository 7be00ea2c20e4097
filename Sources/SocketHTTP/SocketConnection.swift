import Glibc

/// A connected, non-blocking TCP socket whose reads and writes wait (with `poll`) at most the timeout.
final class SocketConnection: ByteStream {
    /// The socket descriptor.
    let fd: Int32
    /// `host:port`, for messages.
    let peer: String
    /// The per-operation timeout (raised while waiting for the answer to a large body).
    var timeout: IOTimeout
    private let canceller: RequestCanceller

    private init(fd: Int32, peer: String, timeout: IOTimeout, canceller: RequestCanceller) {
        self.fd = fd
        self.peer = peer
        self.timeout = timeout
        self.canceller = canceller
    }

    deinit {
        canceller.detachAndClose(fd)
    }

    /// Resolves `host` and connects to its addresses, IPv6 ones first, until one accepts. Each
    /// address gets `connectTimeout` of its own, so an unreachable IPv6 address (SYNs dropped)
    /// costs that long and the IPv4 address is still tried.
    static func connect(host: String, port: Int, connectTimeout: IOTimeout, timeout: IOTimeout, canceller: RequestCanceller) throws(HTTPClientError) -> SocketConnection {
        let resolved = try AddressResolver.resolve(host: host, port: port)
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return try connect(to: resolved, authority: authority, connectTimeout: connectTimeout, timeout: timeout, canceller: canceller)
    }

    /// Connects to the first of `addresses` (IPv6 ones first) that accepts within `connectTimeout`.
    static func connect(to resolved: [AddressResolver.Address], authority: String, connectTimeout: IOTimeout, timeout: IOTimeout,
                        canceller: RequestCanceller) throws(HTTPClientError) -> SocketConnection {
        let addresses = resolved.filter { $0.family == AF_INET6 } + resolved.filter { $0.family != AF_INET6 }
        var failures: [HTTPClientError] = []
        for address in addresses {
            do {
                return try attempt(address, authority: authority, timeout: timeout, wait: connectTimeout.milliseconds, canceller: canceller)
            } catch {
                if error.kind == .cancelled { throw error }
                failures.append(error)
            }
        }
        guard failures.count > 1 else { throw failures.first ?? HTTPClientError(.connectionRefused, "could not connect to \(authority)") }
        let kind = failures.contains { $0.kind == .connectionRefused } ? HTTPClientError.Kind.connectionRefused : failures[0].kind
        throw HTTPClientError(kind, failures.map(\.message).joined(separator: "; "))
    }

    private static func attempt(_ address: AddressResolver.Address, authority: String, timeout: IOTimeout,
                                wait: Int32, canceller: RequestCanceller) throws(HTTPClientError) -> SocketConnection {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw HTTPClientError(.connectionRefused, "could not create a socket: \(String(cString: strerror(errno)))")
        }
        guard canceller.attach(fd) else {
            _ = Glibc.close(fd)
            throw HTTPClientError(.cancelled, "request to \(authority) was cancelled")
        }
        let connection = SocketConnection(fd: fd, peer: authority, timeout: timeout, canceller: canceller)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        try connection.finishConnect(address, wait: wait)
        return connection
    }

    private func finishConnect(_ address: AddressResolver.Address, wait: Int32) throws(HTTPClientError) {
        var storage = address.storage
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        var code = result == 0 ? 0 : errno
        if code == EINPROGRESS || code == EINTR {
            guard try Self.poll(fd, events: Int16(POLLOUT), timeout: wait) else {
                throw HTTPClientError(.timedOut, "timed out after \(IOTimeout(milliseconds: wait).text) connecting to \(peer) (\(address.text))")
            }
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        }
        guard code == 0 else {
            throw Self.error(code, "could not connect to \(peer) (\(address.text))")
        }
    }

    /// Reads up to `buffer.count` bytes, waiting at most the timeout for data; 0 means end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            try handle(errno, events: Int16(POLLIN), doing: "reading from")
        }
    }

    /// Writes all of `bytes`, waiting at most the timeout whenever the socket buffer is full.
    func write(_ bytes: UnsafeRawBufferPointer) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let count = send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count >= 0 {
                offset += count
            } else {
                try handle(errno, events: Int16(POLLOUT), doing: "writing to")
            }
        }
    }

    /// Waits for `events` on the socket; throws `timedOut` when the timeout passes first.
    func wait(for events: Int16, doing: String) throws(HTTPClientError) {
        guard try Self.poll(fd, events: events, timeout: timeout.milliseconds) else {
            throw HTTPClientError(.timedOut, "timed out after \(timeout.text) \(doing) \(peer)")
        }
    }

    private func handle(_ code: Int32, events: Int16, doing: String) throws(HTTPClientError) {
        switch code {
        case EINTR: return
        case EAGAIN, EWOULDBLOCK: try wait(for: events, doing: doing == "reading from" ? "waiting for data from" : doing)
        default: throw Self.error(code, "\(doing) \(peer) failed")
        }
    }

    /// `poll` for one descriptor; `false` on timeout.
    static func poll(_ fd: Int32, events: Int16, timeout: Int32) throws(HTTPClientError) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let result = Glibc.poll(&entry, 1, timeout)
            if result > 0 { return true }
            if result == 0 { return false }
            if errno != EINTR { throw error(errno, "poll failed") }
        }
    }

    /// Maps an `errno` value to an error kind with a message.
    static func error(_ code: Int32, _ context: String) -> HTTPClientError {
        let reason = String(cString: strerror(code))
        switch code {
        case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, EAFNOSUPPORT:
            return HTTPClientError(.connectionRefused, "\(context): \(reason)")
        case ETIMEDOUT:
            return HTTPClientError(.timedOut, "\(context): \(reason)")
        default:
            return HTTPClientError(.connectionReset, "\(context): \(reason)")
        }
    }
}
