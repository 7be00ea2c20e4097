import BuildActionCore
import Foundation
import SocketHTTP
import Testing

@testable import OCIRegistry

/// Blob reads through redirects, with a scripted transport standing in for a registry whose
/// blobs live on a storage host (as GHCR's and Docker Hub's do).
@Suite("Registry client: blobs and redirects")
struct RegistryBlobTests {
    /// Answers each request with the next scripted response and records the requests.
    final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var responses: [HTTPResponse]
        private(set) var requests: [HTTPRequest] = []

        init(_ responses: [HTTPResponse]) { self.responses = responses }

        func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
            lock.withLock {
                requests.append(request)
                return responses.isEmpty ? HTTPResponse(status: 599) : responses.removeFirst()
            }
        }

        func header(_ name: String, of index: Int) -> String? {
            lock.withLock { requests[index].headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        }
    }

    let config = Data(#"{"architecture":"arm64","os":"linux","variant":"v8","rootfs":{}}"#.utf8)
    let login = RegistryCredentials(registry: "registry.example.com", username: "u", password: "secret-pass")

    @Test func followsARedirectWithoutSendingCredentialsToTheStorageHost() async throws {
        let transport = ScriptedTransport([
            HTTPResponse(status: 401, headers: [("WWW-Authenticate", #"Basic realm="r""#)]),
            HTTPResponse(status: 307, headers: [("Location", "https://storage.example.net/blob?sig=abc")]),
            HTTPResponse(status: 200, body: config),
        ])
        let client = RegistryClient(registry: "registry.example.com", login: login, transport: transport)
        let data = try await client.blob(repository: "o/r", digest: .sha256(of: config))
        #expect(ImageManifest.platform(ofConfig: data) == "linux/arm64/v8")
        #expect(transport.requests.count == 3)
        #expect(transport.header("Authorization", of: 1)?.hasPrefix("Basic ") == true)
        #expect(transport.requests[2].url.absoluteString == "https://storage.example.net/blob?sig=abc")
        #expect(transport.header("Authorization", of: 2) == nil)
    }

    @Test func refusesContentThatDoesNotMatchItsDigest() async throws {
        let transport = ScriptedTransport([HTTPResponse(status: 200, body: Data("tampered".utf8))])
        let client = RegistryClient(registry: "registry.example.com", login: nil, transport: transport)
        await #expect(throws: RegistryError.self) { try await client.blob(repository: "o/r", digest: .sha256(of: config)) }
    }

    @Test func refusesAPlainHTTPRedirectAwayFromLoopback() async throws {
        let transport = ScriptedTransport([HTTPResponse(status: 302, headers: [("Location", "http://storage.example.net/blob")])])
        let client = RegistryClient(registry: "registry.example.com", login: nil, transport: transport)
        await #expect(throws: RegistryError.self) { try await client.blob(repository: "o/r", digest: .sha256(of: config)) }
        #expect(transport.requests.count == 1)
    }

    @Test func stopsAfterThreeRedirects() async throws {
        let hop = HTTPResponse(status: 307, headers: [("Location", "https://storage.example.net/again")])
        let transport = ScriptedTransport([hop, hop, hop, hop, hop])
        let client = RegistryClient(registry: "registry.example.com", login: nil, transport: transport)
        await #expect(throws: RegistryError.self) { try await client.blob(repository: "o/r", digest: .sha256(of: config)) }
        #expect(transport.requests.count == 4)
    }
}
