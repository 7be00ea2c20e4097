import Foundation
import Glibc
import Testing
@testable import SocketHTTP

@Suite struct SocketClientTests {
    let client = SocketHTTPClient(timeout: 5)

    @Test func getWithContentLength() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world")
        }
        let response = try await client.send(HTTPRequest(url: server.url("/path/x?q=%2F1")))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "text/plain")
        #expect(String(decoding: response.body, as: UTF8.self) == "hello world")
        #expect(try await offPool { server.waitUntilDone() })
        #expect(server.requests == ["GET /path/x?q=%2F1 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nUser-Agent: MiniHTTP/1.0\r\nConnection: close\r\n\r\n"])
    }

    @Test func postSendsBodyAndReadsChunkedResponse() async throws {
        let payload = Data((0..<200_000).map { UInt8($0 % 251) })
        let server = try TestServer { peer in
            let text = "received=\(peer.readRequestBytes().count)"
            peer.send("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n")
            for piece in ["9\r\n" + text.prefix(9), "\r\n", String(text.utf8.count - 9, radix: 16) + ";x=y\r\n" + text.dropFirst(9),
                          "\r\n0\r\nX-Done: yes\r\n\r\n"] {
                peer.send(piece)
                usleep(2000)
            }
        }
        let response = try await client.send(HTTPRequest(method: "POST", url: server.url("/upload"),
                                                         headers: [("Content-Type", "application/octet-stream")], body: payload))
        #expect(response.status == 201)
        #expect(flat(response.trailers) == ["X-Done: yes"])
        #expect(try await offPool { server.waitUntilDone() })
        let head = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Type: application/octet-stream\r\n"
            + "User-Agent: MiniHTTP/1.0\r\nContent-Length: 200000\r\nConnection: close\r\n\r\n"
        #expect(server.requestBytes.first.map { Array($0.prefix(head.utf8.count)) } == Array(head.utf8))
        #expect(server.requestBytes.first.map { Data($0.dropFirst(head.utf8.count)) } == payload)
        #expect(String(decoding: response.body, as: UTF8.self) == "received=\(head.utf8.count + payload.count)")
    }

    @Test func postBodyBytesArriveIntact() async throws {
        let payload = Data("name=value&x=\u{1F600}".utf8)
        let server = try TestServer { peer in
            let request = peer.readRequest()
            let body = String(request.split(separator: "\r\n\r\n", maxSplits: 1).last ?? "")
            peer.send("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        }
        let response = try await client.send(HTTPRequest(method: "POST", url: server.url(), body: payload))
        #expect(response.body == payload)
    }

    @Test func earlyResponseWinsOverBrokenUpload() async throws {
        let server = try TestServer { peer in
            var buffer = [UInt8](repeating: 0, count: 1024)
            _ = recv(peer.fd, &buffer, buffer.count, 0)
            peer.send("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 8\r\n\r\ntoo big!")
            shutdown(peer.fd, Int32(SHUT_WR))
            usleep(200_000) // let the response reach the client before the close turns into a reset
        }
        let response = try await client.send(HTTPRequest(method: "PUT", url: server.url(), body: Data(count: 8 << 20)))
        #expect(response.status == 413)
        #expect(String(decoding: response.body, as: UTF8.self) == "too big!")
    }

    @Test func closeDelimitedBody() async throws {
        let big = String(repeating: "0123456789abcdef", count: 40_000)
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.0 200 OK\r\nServer: old\r\n\r\n")
            peer.send(big)
        }
        let response = try await client.send(HTTPRequest(url: server.url()))
        #expect(response.body.count == big.utf8.count)
        #expect(response.body == Data(big.utf8))
    }

    @Test func noContentAndHeadDoNotWaitForABody() async throws {
        let server = try TestServer(connections: 2) { peer in
            let request = peer.readRequest()
            if request.hasPrefix("HEAD") {
                peer.send("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n")
            } else {
                peer.send("HTTP/1.1 204 No Content\r\n\r\n")
            }
            // Keep the connection open: the client must not wait for a body or for EOF.
            _ = server_release_wait(peer)
        }
        let started = ContinuousClock.now
        defer { server.release.signal() }
        let noContent = try await SocketHTTPClient(timeout: 30).send(HTTPRequest(method: "DELETE", url: server.url()))
        server.release.signal() // the server held the connection open until now
        let head = try await SocketHTTPClient(timeout: 30).send(HTTPRequest(method: "HEAD", url: server.url()))
        #expect(noContent.status == 204 && noContent.body.isEmpty)
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Length") == "5000")
        // Each request would time out after 30 s if it waited for a body; the margin absorbs a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func interimContinueIsSkipped() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 100 Continue\r\n\r\n")
            usleep(5000)
            peer.send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone")
        }
        let request = HTTPRequest(method: "PUT", url: server.url(), headers: [("Expect", "100-continue")], body: Data("data".utf8))
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "done")
    }

    @Test func duplicateHeadersAndRedirectsAreReturned() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:1/never\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n")
        }
        let response = try await client.send(HTTPRequest(url: server.url()))
        #expect(response.status == 301)
        #expect(response.header("location") == "http://127.0.0.1:1/never")
        #expect(response.headers(named: "set-cookie") == ["a=1", "b=2"])
        #expect(try await offPool { server.waitUntilDone() })
        #expect(server.requests.count == 1)
    }

    @Test func ipv6Loopback() async throws {
        let server = try TestServer(ipv6: true) { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6")
        }
        let response = try await client.send(HTTPRequest(url: URL(string: "http://[::1]:\(server.port)/")!))
        #expect(String(decoding: response.body, as: UTF8.self) == "v6")
        #expect(try await offPool { server.waitUntilDone() })
        #expect(server.requests.first?.contains("\r\nHost: [::1]:\(server.port)\r\n") == true)
    }

    @Test func localhostTriesEveryAddress() async throws {
        // Only 127.0.0.1 listens; if "localhost" resolves to ::1 first, that refusal must be skipped.
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        }
        let response = try await client.send(HTTPRequest(url: server.url(host: "localhost")))
        #expect(response.status == 200)
    }

    @Test func closedPortIsConnectionRefused() async throws {
        let fd = try TestServer.bindEphemeral(ipv6: false)
        let port = TestServer.boundPort(fd)
        close(fd)
        let error = await captureError { () async throws(HTTPClientError) in
            try await client.send(HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/")!))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.message == "could not connect to 127.0.0.1:\(port) (127.0.0.1): Connection refused")
    }

    @Test func silentServerTimesOut() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            _ = server_release_wait(peer)
        }
        defer { server.release.signal() }
        let started = ContinuousClock.now
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 0.5).send(HTTPRequest(url: server.url()))
        }
        let elapsed = ContinuousClock.now - started
        #expect(error == HTTPClientError(.timedOut, "timed out after 0.5 s waiting for data from 127.0.0.1:\(server.port)"))
        #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(15))
    }

    @Test func resetIsConnectionReset() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.reset()
        }
        let error = await captureError { () async throws(HTTPClientError) in
            try await client.send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.connectionReset, "reading from 127.0.0.1:\(server.port) failed: Connection reset by peer"))
    }

    @Test func closeWithoutResponseIsConnectionReset() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
        }
        let error = await captureError { () async throws(HTTPClientError) in
            try await client.send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.connectionReset, "127.0.0.1:\(server.port) closed the connection without sending a response"))
    }

    @Test func malformedStatusLineIsInvalidResponse() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("SSH-2.0-OpenSSH_9.2\r\n")
        }
        let error = await captureError { () async throws(HTTPClientError) in
            try await client.send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.invalidResponse, "invalid HTTP status line \"SSH-2.0-OpenSSH_9.2\""))
    }

    @Test func oversizedHeaderIsInvalidResponseWithoutWaitingForTheRest() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            peer.send("HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "b", count: 80_000))
            _ = server_release_wait(peer)
        }
        defer { server.release.signal() }
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 3).send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.invalidResponse, "invalid response from 127.0.0.1:\(server.port): response headers exceed 65536 bytes"))
    }

    @Test func cancellationAbortsABlockedRequest() async throws {
        let server = try TestServer { peer in
            peer.readRequest()
            _ = server_release_wait(peer)
        }
        defer { server.release.signal() }
        let started = ContinuousClock.now
        let task = Task {
            await captureError { () async throws(HTTPClientError) in try await SocketHTTPClient(timeout: 60).send(HTTPRequest(url: server.url())) }
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = await task.value
        #expect(error?.kind == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(30)) // far less than the 60 s timeout
    }

    @Test func blockingWorkStaysOffTheCooperativePool() async throws {
        // More hung requests than cooperative threads (one per core): if the blocking I/O ran on the
        // pool, the small task below could not run until the requests time out.
        let count = ProcessInfo.processInfo.activeProcessorCount + 2
        let server = try TestServer(connections: count) { peer in
            peer.readRequest()
            _ = server_release_wait(peer, seconds: 30)
        }
        let requests = (0..<count).map { _ in
            Task { await captureError { () async throws(HTTPClientError) in try await SocketHTTPClient(timeout: 60).send(HTTPRequest(url: server.url())) } }
        }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        let value = await Task.detached { 41 + 1 }.value
        #expect(value == 42)
        #expect(ContinuousClock.now - started < .seconds(15)) // the requests hold their threads for up to 30 s
        for _ in 0..<count { server.release.signal() }
        for request in requests { _ = await request.value }
    }

    @Test func dnsFailureIsReported() {
        let error = captureError { () throws(HTTPClientError) in
            try AddressResolver.resolve(host: "no-such-host.invalid", port: 80, numericOnly: true)
        }
        #expect(error?.kind == .dnsFailure)
        #expect(error?.message.hasPrefix("could not resolve host no-such-host.invalid: ") == true)
    }

    @Test func resolverReturnsNumericAddresses() throws {
        let v4 = try AddressResolver.resolve(host: "127.0.0.1", port: 8080, numericOnly: true)
        #expect(v4.map(\.text) == ["127.0.0.1"])
        #expect(v4.first?.family == AF_INET)
        let v6 = try AddressResolver.resolve(host: "::1", port: 8080, numericOnly: true)
        #expect(v6.map(\.text) == ["::1"])
        #expect(v6.first?.family == AF_INET6)
    }

    @Test func unsupportedURLFailsBeforeConnecting() async {
        let error = await captureError { () async throws(HTTPClientError) in
            try await client.send(HTTPRequest(url: URL(string: "ftp://127.0.0.1/x")!))
        }
        #expect(error == HTTPClientError(.unsupportedURL, "unsupported URL ftp://127.0.0.1/x: scheme ftp is not http or https"))
    }
}

/// Blocks a handler until the test signals `release` (or `seconds` pass).
func server_release_wait(_ peer: Peer, seconds: Int = 10) -> Bool {
    peer.server?.release.wait(timeout: .now() + .seconds(seconds)) == .success
}
