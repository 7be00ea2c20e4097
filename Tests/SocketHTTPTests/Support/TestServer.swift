import Foundation
import Glibc

/// A tiny blocking TCP server on loopback for tests: accepts `connections` connections one after
/// another on its own thread and runs the scripted handler for each.
final class TestServer: @unchecked Sendable {
    /// The bound port.
    let port: Int
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)
    /// Signalled by tests to let a hanging handler finish.
    let release = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var captured: [[UInt8]] = []

    init(ipv6: Bool = false, connections: Int = 1, handler: @escaping @Sendable (Peer) -> Void) throws {
        let (fd, port) = try Self.listen(ipv6: ipv6)
        listener = fd
        self.port = port
        let thread = Thread { [self] in
            for _ in 0..<connections {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { break }
                Self.setTimeout(client, seconds: 10)
                let peer = Peer(fd: client, server: self)
                handler(peer)
                peer.close()
            }
            finished.signal()
        }
        thread.start()
    }

    deinit {
        _ = Glibc.close(listener)
    }

    /// The URL of `path` on this server.
    func url(_ path: String = "/", host: String = "127.0.0.1") -> URL {
        URL(string: "http://\(host):\(port)\(path)")!
    }

    /// Raw requests received so far, as bytes.
    var requestBytes: [[UInt8]] {
        lock.withLock { captured }
    }

    /// Raw requests received so far, as text.
    var requests: [String] {
        lock.withLock { captured.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Waits until the handler thread has served all its connections.
    func waitUntilDone() -> Bool {
        finished.wait(timeout: .now() + 10) == .success
    }

    fileprivate func record(_ request: [UInt8]) {
        lock.withLock { captured.append(request) }
    }

    static func setTimeout(_ fd: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Binds a listening socket on 127.0.0.1 or ::1 with an ephemeral port.
    static func listen(ipv6: Bool, backlog: Int32 = 16) throws -> (Int32, Int) {
        let fd = try bindEphemeral(ipv6: ipv6)
        guard Glibc.listen(fd, backlog) == 0 else { throw POSIXError(.EADDRINUSE) }
        setTimeout(fd, seconds: 10)
        return (fd, boundPort(fd))
    }

    /// A socket bound to an ephemeral loopback port, not listening.
    static func bindEphemeral(ipv6: Bool) throws -> Int32 {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var result: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard fd >= 0, result == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        return fd
    }

    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let raw = withUnsafeBytes(of: storage) { Array($0[2..<4]) }
        return Int(raw[0]) << 8 | Int(raw[1])
    }
}

/// One accepted connection, used by a handler on the server thread.
final class Peer {
    let fd: Int32
    private(set) weak var server: TestServer?
    private var closed = false

    init(fd: Int32, server: TestServer) {
        self.fd = fd
        self.server = server
    }

    /// Reads one request head plus a `Content-Length` body and records it.
    @discardableResult
    func readRequest() -> String {
        String(decoding: readRequestBytes(), as: UTF8.self)
    }

    /// Reads one request head plus a `Content-Length` body, records it and returns its bytes.
    func readRequestBytes() -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !data.containsTerminator, case let count = recv(fd, &buffer, buffer.count, 0), count > 0 {
            data += buffer[0..<count]
        }
        let needed = data.headerEnd.map { $0 + data.contentLength } ?? data.count
        while data.count < needed, case let count = recv(fd, &buffer, buffer.count, 0), count > 0 {
            data += buffer[0..<count]
        }
        server?.record(data)
        return data
    }

    /// Sends `text` as UTF-8.
    func send(_ text: String) {
        send(Array(text.utf8))
    }

    /// Sends raw bytes (errors ignored: the client may have gone).
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            offset += count
        }
    }

    /// Closes with an RST instead of a FIN.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Closes the connection (once).
    func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(fd)
    }
}

extension [UInt8] {
    fileprivate var headerEnd: Int? {
        guard count >= 4 else { return nil }
        for index in 0...(count - 4) where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    fileprivate var containsTerminator: Bool { headerEnd != nil }

    fileprivate var contentLength: Int {
        let head = String(decoding: self[0..<(headerEnd ?? count)], as: UTF8.self)
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }
}
