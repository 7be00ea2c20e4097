import Foundation
import Testing
@testable import SocketHTTP

@Suite struct TLSTests {
    private func fixture() async throws -> TLSFixture {
        try await offPool { try TLSFixture.shared.get() }
    }

    private func server(_ fixture: TLSFixture, _ certificate: String, mode: String = "length", connections: Int = 1) async throws -> TLSServer {
        try await offPool { try TLSServer(fixture: fixture, certificate: certificate, mode: mode, connections: connections) }
    }

    @Test func trustedCAFileSucceeds() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost")
        let response = try await SocketHTTPClient(timeout: 5, caFile: fixture.caFile).send(HTTPRequest(url: server.url("/hello?x=1")))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "tls ok: GET /hello?x=1 HTTP/1.1")
    }

    @Test func ipLiteralIsCheckedAgainstIPSubjectAltName() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost")
        let response = try await SocketHTTPClient(timeout: 5, caFile: fixture.caFile).send(HTTPRequest(url: server.url(host: "127.0.0.1")))
        #expect(response.status == 200)
    }

    @Test func closeDelimitedBodyWithoutCloseNotify() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost", mode: "close")
        let response = try await SocketHTTPClient(timeout: 5, caFile: fixture.caFile).send(HTTPRequest(url: server.url("/c")))
        let unit = "tls ok: GET /c HTTP/1.1"
        #expect(response.body == Data(String(repeating: unit, count: 1000).utf8))
    }

    @Test func concurrentRequestsShareTheLazilyLoadedLibrary() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost", connections: 4)
        let client = SocketHTTPClient(timeout: 5, caFile: fixture.caFile)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for index in 0..<4 {
                group.addTask { (try? await client.send(HTTPRequest(url: server.url("/\(index)"))))?.status ?? -1 }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == [200, 200, 200, 200])
    }

    @Test func untrustedCAIsRejected() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost")
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5).send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.tlsFailure,
            "TLS handshake with localhost:\(server.port) failed: certificate verify failed (unable to get local issuer certificate)"))
    }

    @Test func selfSignedCertificateIsRejected() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "self")
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5, caFile: fixture.caFile).send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.tlsFailure,
            "TLS handshake with localhost:\(server.port) failed: certificate verify failed (self-signed certificate)"))
    }

    @Test func hostnameMismatchIsRejected() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "other.example")
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5, caFile: fixture.caFile).send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.tlsFailure,
            "TLS handshake with localhost:\(server.port) failed: certificate verify failed (hostname mismatch)"))
    }

    @Test func ipMismatchIsRejected() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "other.example")
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5, caFile: fixture.caFile).send(HTTPRequest(url: server.url(host: "127.0.0.1")))
        }
        #expect(error == HTTPClientError(.tlsFailure,
            "TLS handshake with 127.0.0.1:\(server.port) failed: certificate verify failed (IP address mismatch)"))
    }

    @Test func plainHTTPServerIsATLSFailure() async throws {
        let server = try TestServer { peer in
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(peer.fd, &buffer, buffer.count, 0)
            peer.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        }
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5).send(HTTPRequest(url: URL(string: "https://127.0.0.1:\(server.port)/")!))
        }
        #expect(error?.kind == .tlsFailure)
        #expect(error?.message.hasPrefix("TLS handshake with 127.0.0.1:\(server.port) failed: error:") == true, "\(error?.message ?? "no error")")
        #expect(error?.message.hasSuffix("wrong version number") == true, "\(error?.message ?? "no error")")
    }

    @Test func stalledHandshakeTimesOut() async throws {
        let server = try TestServer { peer in
            _ = server_release_wait(peer)
        }
        defer { server.release.signal() }
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 0.4).send(HTTPRequest(url: URL(string: "https://127.0.0.1:\(server.port)/")!))
        }
        #expect(error == HTTPClientError(.timedOut, "timed out after 0.4 s in the TLS handshake with 127.0.0.1:\(server.port)"))
    }

    @Test func unreadableCAFileIsReported() async throws {
        let server = try TestServer { _ in }
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5, caFile: "/nonexistent/ca.pem").send(HTTPRequest(url: URL(string: "https://127.0.0.1:\(server.port)/")!))
        }
        #expect(error?.kind == .tlsFailure)
        #expect(error?.message.hasPrefix("could not load the CA certificates from /nonexistent/ca.pem: error:") == true, "\(error?.message ?? "no error")")
    }

    @Test func hashedDirectoryTrustIsLookedUpLazily() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost", connections: 2)
        let trusted = SocketHTTPClient(timeout: 5, trust: .directory(fixture.hashedDirectory))
        #expect(try await trusted.send(HTTPRequest(url: server.url())).status == 200)
        let error = await captureError { () async throws(HTTPClientError) in
            try await SocketHTTPClient(timeout: 5, trust: .directory(fixture.emptyDirectory)).send(HTTPRequest(url: server.url()))
        }
        #expect(error == HTTPClientError(.tlsFailure,
            "TLS handshake with localhost:\(server.port) failed: certificate verify failed (unable to get local issuer certificate)"))
    }

    @Test func hashedEntryDetection() async throws {
        let fixture = try await fixture()
        #expect(TrustSource.directoryHasHashedEntries(fixture.hashedDirectory))
        #expect(!TrustSource.directoryHasHashedEntries(fixture.emptyDirectory))
        #expect(!TrustSource.directoryHasHashedEntries(fixture.directory.path)) // only ca.pem, *.key, ...
        #expect(!TrustSource.directoryHasHashedEntries("/nonexistent-dir"))
    }

    @Test(arguments: [("0a1b2c3d.0", true), ("ffffffff.12", true), ("0a1b2c3d.r0", false), ("0A1B2C3D.0", false),
                      ("0a1b2c3.0", false), ("0a1b2c3d.", false), ("ca-certificates.crt", false), ("0a1b2c3d0", false)])
    func hashNames(name: String, matches: Bool) {
        #expect(TrustSource.isHashName(Array(name.utf8)) == matches)
    }

    @Test(arguments: [
        ([:], true, TrustSource.locations(file: nil, directories: "/usr/lib/ssl/certs")),
        (["SSL_CERT_FILE": "/x.pem"], true, .locations(file: "/x.pem", directories: "/usr/lib/ssl/certs")),
        (["SSL_CERT_FILE": "/x.pem"], false, .locations(file: "/x.pem", directories: nil)),
        (["SSL_CERT_FILE": "/x.pem", "SSL_CERT_DIR": "/d"], false, .locations(file: "/x.pem", directories: "/d")),
        (["SSL_CERT_DIR": "/certs"], true, .locations(file: nil, directories: "/certs:/usr/lib/ssl/certs")),
        (["SSL_CERT_DIR": "/certs"], false, .openSSLDefaults),
        (["SSL_CERT_FILE": "", "SSL_CERT_DIR": ""], true, .locations(file: nil, directories: "/usr/lib/ssl/certs")),
        ([:], false, .openSSLDefaults)
    ])
    func systemTrustSelection(environment: [String: String], hashed: Bool, expected: TrustSource) {
        let source = TrustSource.system(environment: { environment[$0] }, defaultDirectory: "/usr/lib/ssl/certs",
                                        hasHashedEntries: { $0 == "/usr/lib/ssl/certs" && hashed })
        #expect(source == expected)
    }

    @Test func bundleAndDirectoryLocationsCombine() async throws {
        let fixture = try await fixture()
        let server = try await server(fixture, "localhost", connections: 2)
        let viaDirectory = SocketHTTPClient(timeout: 5, trust: .locations(file: nil, directories: "/nonexistent:" + fixture.hashedDirectory))
        #expect(try await viaDirectory.send(HTTPRequest(url: server.url())).status == 200)
        let viaFile = SocketHTTPClient(timeout: 5, trust: .locations(file: fixture.caFile, directories: fixture.emptyDirectory))
        #expect(try await viaFile.send(HTTPRequest(url: server.url())).status == 200)
    }

    @Test func missingLibsslIsTLSUnavailable() {
        let result = TLSLibrary.load(sslNames: ["libssl-missing.so.3"], cryptoNames: TLSLibrary.cryptoNames)
        guard case .failure(let error) = result else {
            Issue.record("loading a missing library succeeded")
            return
        }
        #expect(error.kind == .tlsUnavailable)
        #expect(error.message.hasPrefix("https is unavailable: could not load libssl-missing.so.3 (OpenSSL 3; on Debian/Ubuntu install the package libssl3): libssl-missing.so.3: cannot open shared object file"))
    }

    @Test func systemLibsslLoads() throws {
        let library = try TLSLibrary.load(sslNames: TLSLibrary.sslNames, cryptoNames: TLSLibrary.cryptoNames).get()
        #expect(library.verifyErrorString(62).map { String(cString: $0) } == "hostname mismatch")
        #expect(library.errGetError() == 0)
        #expect(library.defaultCertDir().map { String(cString: $0) } == "/usr/lib/ssl/certs")
    }

    @Test(arguments: [("127.0.0.1", true), ("::1", true), ("localhost", false), ("10.0.0.300", false), ("example.test", false)])
    func ipLiteralDetection(host: String, isLiteral: Bool) {
        #expect(TLSConnection.isIPLiteral(host) == isLiteral)
    }
}
