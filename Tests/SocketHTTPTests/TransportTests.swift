import Foundation
import Glibc
import Testing

@testable import SocketHTTP

/// The transport for real networks: file bodies streamed and observed, proxies, one deadline per
/// address, waits that grow with what the server stores.
@Suite struct TransportTests {
    /// A temporary file of `count` pseudo-random bytes.
    static func file(_ count: Int) throws -> String {
        let path = NSTemporaryDirectory() + "okf-transport-\(UUID().uuidString)"
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<count).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// What an observer of a file body saw: (offset, bytes) in the order they were sent.
    final class SeenBytes: SentBytesObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var pieces: [(Int, Data)] = []

        func observe(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
            lock.withLock { pieces.append((offset, Data(bytes))) }
        }

        /// The bytes seen, if every piece started where the one before ended (else nil).
        func contiguous(from start: Int) -> Data? {
            lock.withLock {
                var next = start
                var all = Data()
                for (offset, bytes) in pieces {
                    guard offset == next else { return nil }
                    all.append(bytes)
                    next += bytes.count
                }
                return all
            }
        }
    }

    @Test func fileRegionIsStreamedAndObserved() async throws {
        let path = try Self.file(3_000_000)
        defer { unlink(path) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let server = try TestServer { peer in
            let request = peer.readRequestBytes()
            peer.send("HTTP/1.1 201 Created\r\nX-Received: \(request.count)\r\nContent-Length: 0\r\n\r\n")
        }
        let seen = SeenBytes()
        let region = FileRegion(path: path, offset: 1_000_000, length: 1_500_000, observer: seen)
        let response = try await SocketHTTPClient(timeout: 5).send(HTTPRequest(method: "PATCH", url: server.url("/upload"), file: region))
        #expect(response.status == 201)
        #expect(try await offPool { server.waitUntilDone() })
        let received = try #require(server.requestBytes.first)
        let head = String(decoding: received.prefix(400), as: UTF8.self)
        #expect(head.contains("Content-Length: 1500000\r\n"))
        #expect(Data(received.suffix(1_500_000)) == whole[1_000_000..<2_500_000])
        // The observer saw exactly the bytes sent, in order, by their offsets in the file.
        #expect(seen.contiguous(from: 1_000_000) == whole[1_000_000..<2_500_000])
    }

    /// An observer that throws stops the upload: the body is unreadable.
    @Test func aThrowingObserverStopsTheBody() async throws {
        struct Refusing: SentBytesObserver {
            struct Refused: Error {}
            func observe(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws { throw Refused() }
        }
        let path = try Self.file(100_000)
        defer { unlink(path) }
        let server = try TestServer { peer in peer.readRequest() }
        await #expect(throws: HTTPClientError.self) {
            try await SocketHTTPClient(timeout: 2).send(HTTPRequest(method: "PUT", url: server.url(), file: FileRegion(path: path, length: 100_000, observer: Refusing())))
        }
    }

    @Test func missingFileIsABodyError() async throws {
        let server = try TestServer { peer in peer.readRequest() }
        await #expect(throws: HTTPClientError.self) {
            try await SocketHTTPClient(timeout: 2).send(HTTPRequest(method: "PUT", url: server.url(), file: FileRegion(path: "/nonexistent/blob", length: 10)))
        }
    }

    /// Plain http through a forward proxy: the absolute URL in the request line and the
    /// proxy's credentials, never sent to the origin itself.
    @Test func forwardProxyGetsTheAbsoluteForm() async throws {
        let proxy = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        }
        let settings = try ProxySettings(environment: ["HTTP_PROXY": "http://user:secret@127.0.0.1:\(proxy.port)"])
        let response = try await SocketHTTPClient(timeout: 5, proxy: settings).send(HTTPRequest(url: URL(string: "http://registry.far.test:5000/v2/")!))
        #expect(response.status == 200)
        #expect(try await offPool { proxy.waitUntilDone() })
        let request = try #require(proxy.requests.first)
        #expect(request.hasPrefix("GET http://registry.far.test:5000/v2/ HTTP/1.1\r\nHost: registry.far.test:5000\r\n"))
        #expect(request.contains("Proxy-Authorization: Basic dXNlcjpzZWNyZXQ=\r\n"))
    }

    /// https through a proxy opens a CONNECT tunnel; a refusal names the proxy and the variable.
    @Test(arguments: [(403, "refused CONNECT registry.far.test:5443 with 403"), (407, "put user:password@ in HTTPS_PROXY")])
    func connectRefusal(_ status: Int, _ expected: String) async throws {
        let proxy = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 \(status) No\r\nContent-Length: 0\r\n\r\n")
        }
        let settings = try ProxySettings(environment: ["HTTPS_PROXY": "127.0.0.1:\(proxy.port)"])
        let error = await captureError { () async throws(HTTPClientError) in
            _ = try await SocketHTTPClient(timeout: 5, proxy: settings).send(HTTPRequest(url: URL(string: "https://registry.far.test:5443/v2/")!))
        }
        #expect(error?.kind == .proxyRefused)
        #expect(error?.message.contains(expected) == true)
        #expect(error?.message.contains("http://127.0.0.1:\(proxy.port) (from HTTPS_PROXY)") == true)
        #expect(proxy.requests.first?.hasPrefix("CONNECT registry.far.test:5443 HTTP/1.1\r\nHost: registry.far.test:5443\r\n") == true)
    }

    @Test func unreachableProxyIsNamed() async throws {
        let (fd, port) = try TestServer.listen(ipv6: false)
        Glibc.close(fd)
        let settings = try ProxySettings(environment: ["HTTPS_PROXY": "http://127.0.0.1:\(port)"])
        let error = await captureError { () async throws(HTTPClientError) in
            _ = try await SocketHTTPClient(timeout: 2, proxy: settings).send(HTTPRequest(url: URL(string: "https://ghcr.io/v2/")!))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.message.contains("could not reach proxy http://127.0.0.1:\(port) (from HTTPS_PROXY) for ghcr.io:443") == true)
    }

    /// An address whose SYNs are dropped (a full accept queue on ::1) costs its own connect
    /// timeout; the IPv4 address is still tried and answers.
    @Test func everyAddressGetsItsOwnDeadline() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 204 No Content\r\n\r\n")
        }
        let tarpit = try Tarpit(port: server.port)
        defer { tarpit.close() }
        let addresses = try AddressResolver.resolve(host: "127.0.0.1", port: server.port) + AddressResolver.resolve(host: "::1", port: server.port)
        let (status, elapsed) = try await offPool { () throws -> (Int, Duration) in
            let started = ContinuousClock.now
            let connection = try SocketConnection.connect(to: addresses, authority: "dual:\(server.port)", connectTimeout: IOTimeout(seconds: 1),
                                                          timeout: IOTimeout(seconds: 5), canceller: RequestCanceller())
            let elapsed = ContinuousClock.now - started
            try connection.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            return (try ResponseParser(reader: BufferedReader(connection), method: "GET", peer: "dual").parse().status, elapsed)
        }
        #expect(elapsed >= .milliseconds(950) && elapsed < .seconds(4))
        #expect(status == 204)
    }

    @Test func allAddressesFailingSaysWhy() throws {
        let tarpit = try Tarpit(port: nil)
        defer { tarpit.close() }
        let addresses = try AddressResolver.resolve(host: "::1", port: tarpit.port)
        #expect(throws: HTTPClientError.self) {
            try SocketConnection.connect(to: addresses, authority: "[::1]:\(tarpit.port)", connectTimeout: IOTimeout(seconds: 0.3), timeout: IOTimeout(seconds: 1),
                                         canceller: RequestCanceller())
        }
    }

    /// The wait after the body grows with what the server stores: a server that takes 1.5 s to
    /// answer a 8 MiB body is waited for with a 1 s timeout (1 s + 8 MiB at 4 MiB/s = 3 s).
    @Test func slowAnswerToALargeBodyIsWaitedFor() async throws {
        let path = try Self.file(8 << 20)
        defer { unlink(path) }
        let server = try TestServer { peer in
            _ = peer.readRequestBytes()
            usleep(1_500_000)
            peer.send("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        }
        let response = try await SocketHTTPClient(timeout: 1).send(HTTPRequest(method: "PUT", url: server.url(), file: FileRegion(path: path, length: 8 << 20)))
        #expect(response.status == 201)
        let quick = try TestServer { peer in
            _ = peer.readRequestBytes()
            usleep(1_500_000)
            peer.send("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        }
        let error = await captureError { () async throws(HTTPClientError) in
            _ = try await SocketHTTPClient(timeout: 1).send(HTTPRequest(method: "PUT", url: quick.url(), body: Data("x".utf8)))
        }
        #expect(error?.kind == .timedOut)
        quick.release.signal()
    }
}

/// A listening socket on ::1 whose accept queue is full, so further SYNs are dropped and a
/// connect hangs as to an unreachable address.
final class Tarpit {
    let port: Int
    private let listener: Int32
    private var fillers: [Int32] = []

    init(port wanted: Int?) throws {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        address.sin6_port = in_port_t(UInt16(wanted ?? 0).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 0) == 0 else { throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = TestServer.boundPort(fd)
        for _ in 0..<2 {
            let filler = socket(AF_INET6, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue), 0)
            var target = address
            target.sin6_port = in_port_t(UInt16(port).bigEndian)
            _ = withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
            fillers.append(filler)
        }
        usleep(100_000)
    }

    func close() {
        (fillers + [listener]).forEach { _ = Glibc.close($0) }
    }
}
