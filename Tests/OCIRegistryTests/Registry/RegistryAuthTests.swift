import BuildActionCore
import Foundation
import SocketHTTP
import Testing

@testable import OCIRegistry

/// Token scopes, the token realm rule and redirects, with a scripted transport.
@Suite("Registry client: tokens, realms, redirects")
struct RegistryAuthTests {
    typealias Scripted = RegistryBlobTests.ScriptedTransport
    let login = RegistryCredentials(registry: "registry.example.com", username: "u", password: "secret-pass")

    static func challenge(_ realm: String, scope: String) -> HTTPResponse {
        HTTPResponse(status: 401, headers: [("WWW-Authenticate", #"Bearer realm="\#(realm)",service="svc",scope="\#(scope)""#)])
    }

    /// GHCR names only `pull` for a blob HEAD; the token is asked for pull,push from the start,
    /// and later pushes reuse it without another token request.
    @Test func pushAsksForPullAndPushWhateverTheChallengeSays() async throws {
        let transport = Scripted([
            Self.challenge("https://auth.example.com/token", scope: "repository:o/r:pull"),
            HTTPResponse(status: 200, body: Data(#"{"token":"t1"}"#.utf8)),
            HTTPResponse(status: 404),
            HTTPResponse(status: 202, headers: [("Location", "/v2/o/r/blobs/uploads/u1?_state=s")]),
        ])
        let client = RegistryClient(registry: "registry.example.com", login: login, transport: transport)
        #expect(try await client.hasBlob(repository: "o/r", digest: .sha256(of: Array("aa".utf8))) == false)
        let start = try await client.startUpload(repository: "o/r", digest: .sha256(of: Array("aa".utf8)), mountFrom: nil)
        #expect(start == .session(UploadSession(location: "/v2/o/r/blobs/uploads/u1?_state=s", minimumChunk: nil), mountRefused: nil))
        let tokenURL = try #require(URLComponents(url: transport.requests[1].url, resolvingAgainstBaseURL: false))
        #expect(tokenURL.queryItems?.filter { $0.name == "scope" }.map(\.value) == ["repository:o/r:pull,push"])
        #expect(transport.header("Authorization", of: 1)?.hasPrefix("Basic ") == true)
        #expect(transport.header("Authorization", of: 3) == "Bearer t1")
        #expect(transport.requests.count == 4)
    }

    /// A mount source the token server does not grant: the mount fails, the upload goes on
    /// with the push token (Docker Hub answers the mount with 401).
    @Test func refusedMountFallsBackToAnUpload() async throws {
        let transport = Scripted([
            Self.challenge("https://auth.example.com/token", scope: "repository:o/r:pull,push repository:o/src:pull"),
            HTTPResponse(status: 200, body: Data(#"{"token":"t-without-src"}"#.utf8)),
            HTTPResponse(status: 401, headers: [("WWW-Authenticate", #"Bearer realm="https://auth.example.com/token",error="insufficient_scope""#)]),
            HTTPResponse(status: 202, headers: [("Location", "https://registry.example.com/v2/o/r/blobs/uploads/u2")]),
        ])
        let client = RegistryClient(registry: "registry.example.com", login: login, transport: transport)
        let start = try await client.startUpload(repository: "o/r", digest: .sha256(of: Array("bb".utf8)), mountFrom: "o/src")
        guard case .session(let session, let refused) = start else { Issue.record("mounted"); return }
        #expect(session.location == "/v2/o/r/blobs/uploads/u2")
        #expect(refused?.contains("insufficient_scope") == true)
        let tokenURL = try #require(URLComponents(url: transport.requests[1].url, resolvingAgainstBaseURL: false))
        #expect(tokenURL.queryItems?.filter { $0.name == "scope" }.map(\.value) == ["repository:o/r:pull,push", "repository:o/src:pull"])
        #expect(transport.requests[3].url.query() == nil)
        #expect(transport.header("Authorization", of: 3) == "Bearer t-without-src")
    }

    /// Credentials go to a token realm over https only, or over http when the registry and the
    /// realm are both on loopback; anonymous token requests may use http.
    @Test(arguments: [
        ("registry.example.com", "http://auth.example.com/token", true, false),
        ("127.0.0.1:5001", "http://10.0.0.5:5005/token", true, false),
        ("127.0.0.1:5001", "http://127.0.0.1:5005/token", true, true),
        ("registry.example.com", "https://auth.example.com/token", true, true),
        ("registry.example.com", "http://auth.example.com/token", false, true),
    ])
    func credentialsOnlyToSafeRealms(_ registry: String, _ realm: String, _ withLogin: Bool, _ allowed: Bool) async throws {
        let transport = Scripted([
            Self.challenge(realm, scope: "repository:o/r:pull"),
            HTTPResponse(status: 200, body: Data(#"{"token":"t"}"#.utf8)),
            HTTPResponse(status: 404),
        ])
        let client = RegistryClient(registry: registry, login: withLogin ? RegistryCredentials(registry: registry, username: "u", password: "p") : nil, transport: transport)
        do {
            _ = try await client.manifestDigest(repository: "o/r", reference: "latest")
            #expect(allowed)
            #expect(transport.requests.count == 3)
        } catch {
            #expect(!allowed)
            #expect(error.code == "INSECURE_REALM" && !error.isTransient)
            #expect(error.message.contains(realm))
            #expect(transport.requests.count == 1)
        }
    }

    /// Distribution on S3 sends an existing blob's HEAD to a presigned storage URL.
    @Test(arguments: [200, 307, 302])
    func redirectedHeadMeansPresent(_ status: Int) async throws {
        let transport = Scripted([HTTPResponse(status: status, headers: [("Location", "http://127.0.0.1:5010/bucket/blob?X-Amz-Signature=x")])])
        let client = RegistryClient(registry: "127.0.0.1:5001", login: nil, transport: transport)
        #expect(try await client.hasBlob(repository: "o/r", digest: .sha256(of: Array("cc".utf8))))
        #expect(transport.requests.count == 1)
    }

    /// Another port of the same host is another origin: no credentials follow the redirect.
    @Test func redirectToAnotherPortDropsCredentials() async throws {
        let config = Data(#"{"architecture":"amd64","os":"linux"}"#.utf8)
        let transport = Scripted([
            HTTPResponse(status: 401, headers: [("WWW-Authenticate", #"Basic realm="r""#)]),
            HTTPResponse(status: 307, headers: [("Location", "http://127.0.0.1:5010/okf-dockerhub/blob?X-Amz-Signature=x")]),
            HTTPResponse(status: 200, body: config),
        ])
        let client = RegistryClient(registry: "127.0.0.1:5001", login: RegistryCredentials(registry: "127.0.0.1:5001", username: "u", password: "p"), transport: transport)
        _ = try await client.blob(repository: "o/r", digest: .sha256(of: config))
        #expect(transport.requests[2].url.absoluteString == "http://127.0.0.1:5010/okf-dockerhub/blob?X-Amz-Signature=x")
        #expect(transport.header("Authorization", of: 2) == nil)
    }

    /// Docker Hub's 429: the rate limit and the wait are in the message; an HTTP-date
    /// Retry-After is read against the clock.
    @Test func rateLimitAnswer() async throws {
        let now = Date(timeIntervalSince1970: 1_445_412_470)
        let transport = Scripted([HTTPResponse(status: 429, headers: [
            ("ratelimit-limit", "100;w=21600"), ("ratelimit-remaining", "0;w=21600"), ("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
        ], body: Data(#"{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}"#.utf8))])
        let client = RegistryClient(registry: "docker.io", login: nil, transport: transport, now: { now })
        do {
            _ = try await client.manifestDigest(repository: "library/busybox", reference: "latest")
            Issue.record("a 429 was accepted")
        } catch {
            #expect(error.status == 429 && error.isTransient && error.code == "TOOMANYREQUESTS")
            #expect(error.retryAfter == 10)
            #expect(error.message.contains("rate limit: 0 of 100 pulls left per 6 h"))
            #expect(error.message.contains("asks to wait 10 s"))
        }
    }

    /// A manifest PUT whose stored digest differs from what was sent is an error.
    @Test func manifestDigestIsChecked() async throws {
        let transport = Scripted([HTTPResponse(status: 201, headers: [("Docker-Content-Digest", "sha256:" + String(repeating: "0", count: 64))])])
        let client = RegistryClient(registry: "registry.example.com", login: nil, transport: transport)
        await #expect(throws: RegistryError.self) {
            try await client.putManifest(repository: "o/r", reference: "v1", mediaType: "application/vnd.oci.image.index.v1+json", data: Data("{}".utf8))
        }
    }
}
