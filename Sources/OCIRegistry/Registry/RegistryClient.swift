import BuildActionCore
import Foundation
import JavaScriptCompat
import SocketHTTP

/// A client of one registry's distribution API (v2) as Docker Hub, GHCR and ACR really behave:
/// Basic or Bearer (token) authentication with scopes merged from what a request needs and what
/// the challenge names, blob checks that take a redirect to storage as "present", uploads
/// streamed from files (monolithic or chunked), manifest checks by HEAD. Plain HTTP only for
/// loopback registries, as docker allows.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md
public actor RegistryClient {
    /// The registry as written in image names (`ghcr.io`, `127.0.0.1:5001`).
    public let registry: String
    let login: RegistryCredentials?
    let transport: any HTTPTransport
    let now: @Sendable () -> Date
    /// Tokens fetched so far, newest last, with the scope each was asked for.
    var tokens: [(scope: AuthScope, token: String)] = []
    var basicOnly = false

    /// A client of `registry` with optional credentials; `now` reads HTTP dates in `Retry-After`.
    public init(registry: String, login: RegistryCredentials?, transport: any HTTPTransport = SocketHTTPClient(timeout: 30),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.registry = registry
        self.login = login
        self.transport = transport
        self.now = now
    }

    /// The API host: Docker Hub's names map to `registry-1.docker.io`.
    nonisolated var apiHost: String {
        RegistryHost.canonical(registry) == RegistryHost.dockerHub ? "registry-1.docker.io" : registry
    }

    /// `http` for loopback registries, else `https`.
    public nonisolated var scheme: String { RegistryHost.isLoopback(registry) ? "http" : "https" }

    /// `scheme://apiHost`.
    nonisolated var origin: String { "\(scheme)://\(apiHost)" }

    /// A manifest fetched by tag or digest, with the digest the registry reports.
    public struct Fetched: Sendable, Equatable {
        /// `Docker-Content-Digest`, or the SHA-256 of the body (also when the header is no digest).
        public let digest: Digest
        /// The SHA-256 of the body as received.
        public let bodyDigest: Digest
        /// The decoded document.
        public let manifest: ImageManifest
        /// The exact bytes (what an index entry's digest and size describe).
        public let data: Data

        /// The platform images this names: an index's non-attestation entries, or the single
        /// image manifest itself.
        public var platformImages: Set<Digest> { manifest.isIndex ? manifest.platformEntryDigests : [digest] }
    }

    /// `GET /v2/<repository>/manifests/<reference>` (Docker Hub counts this against the pull limit).
    public func manifest(repository: String, reference: String) async throws(RegistryError) -> Fetched {
        let path = "/v2/\(repository)/manifests/\(reference)"
        let response = try await send(RegistryRequest("GET", path, scope: .pull(repository), accept: ImageManifest.acceptedTypes))
        guard response.status == 200 else { throw failure(response, "GET \(path)") }
        let bodyDigest = Digest.sha256(of: response.body)
        let manifest: ImageManifest
        do {
            manifest = try ImageManifest(parsing: response.body, headerType: response.header("Content-Type"))
        } catch {
            throw RegistryError(status: 200, message: "\(registry): \(path) is not a manifest: \(error.description)")
        }
        return Fetched(digest: response.header("Docker-Content-Digest").flatMap(Digest.init) ?? bodyDigest, bodyDigest: bodyDigest, manifest: manifest, data: response.body)
    }

    /// The digest a tag or digest resolves to, by `HEAD` (not counted against Docker Hub's pull
    /// limit); nil when the registry answers 404. A registry that sends no
    /// `Docker-Content-Digest` is asked with `GET` instead.
    public func manifestDigest(repository: String, reference: String) async throws(RegistryError) -> Digest? {
        let path = "/v2/\(repository)/manifests/\(reference)"
        let response = try await send(RegistryRequest("HEAD", path, scope: .pull(repository), accept: ImageManifest.acceptedTypes))
        switch response.status {
        case 200:
            if let digest = response.header("Docker-Content-Digest").flatMap(Digest.init) { return digest }
            return try await manifest(repository: repository, reference: reference).digest
        case 404:
            return nil
        default:
            throw failure(response, "HEAD \(path)")
        }
    }

    /// `GET /v2/<repository>/blobs/<digest>`, following up to three redirects (GHCR and Docker
    /// Hub serve blobs from storage hosts); credentials never go to another origin. The content
    /// must match the digest.
    public func blob(repository: String, digest: Digest) async throws(RegistryError) -> Data {
        let response = try await getBlob(repository: repository, digest: digest)
        guard response.status == 200 else { throw failure(response, "GET /v2/\(repository)/blobs/\(digest)") }
        guard Digest.sha256(of: response.body) == digest else {
            throw RegistryError(status: 200, code: "DIGEST_MISMATCH", message: "\(registry): /v2/\(repository)/blobs/\(digest) does not match its digest")
        }
        return response.body
    }

    /// The answer to `GET /v2/<repository>/blobs/<digest>` with `headers` (a `Range`), after up
    /// to three redirects; credentials never go to another origin, `headers` do.
    func getBlob(repository: String, digest: Digest, headers: [(String, String)] = []) async throws(RegistryError) -> HTTPResponse {
        let path = "/v2/\(repository)/blobs/\(digest)"
        var response = try await send(RegistryRequest("GET", path, scope: .pull(repository), headers: headers))
        var hops = 0
        var base = URL(string: origin + path)
        while (300..<400).contains(response.status), let location = response.header("Location"), hops < 3 {
            hops += 1
            guard let target = URL(string: location, relativeTo: base)?.absoluteURL, let host = target.host,
                  target.scheme == "https" || RegistryHost.isLoopback(host)
            else { throw RegistryError(status: response.status, message: "\(registry): \(path) redirects to an unusable location") }
            base = target
            if Self.origin(of: target) == origin {
                response = try await send(RegistryRequest("GET", Self.pathAndQuery(target), scope: .pull(repository), headers: headers))
            } else {
                response = try await anonymous("GET", target, what: "GET \(path) (redirected)", headers: headers)
            }
        }
        return response
    }

    /// `GET /v2/<repository>/tags/list`: every tag of the repository.
    public func tags(repository: String) async throws(RegistryError) -> [String] {
        let path = "/v2/\(repository)/tags/list"
        let response = try await send(RegistryRequest("GET", path, scope: .pull(repository)))
        guard response.status == 200, let json = try? JSONValue(parsing: response.body) else {
            throw failure(response, "GET \(path)")
        }
        guard case .array(let names)? = json["tags"] else { return [] }
        return names.compactMap(\.stringValue)
    }

    /// Stores a manifest under a tag or its digest; returns the digest the registry reports,
    /// which must be the digest of the bytes sent.
    @discardableResult
    public func putManifest(repository: String, reference: String, mediaType: String, data: Data) async throws(RegistryError) -> Digest {
        let path = "/v2/\(repository)/manifests/\(reference)"
        let response = try await send(RegistryRequest("PUT", path, scope: .push(repository), contentType: mediaType, body: .bytes(data)))
        guard response.status == 201 else { throw failure(response, "PUT \(path)") }
        let sent = Digest.sha256(of: data)
        if let stored = response.header("Docker-Content-Digest"), stored != sent.description {
            throw RegistryError(status: 201, code: "DIGEST_MISMATCH", message: "\(registry): PUT \(path) stored \(stored), but the manifest sent is \(sent)")
        }
        return sent
    }

    /// An error for an unexpected answer, with the registry's own error text, its code, its
    /// `Retry-After` and, on 429, Docker Hub's rate-limit headers.
    func failure(_ response: HTTPResponse, _ request: String) -> RegistryError {
        let detail = RegistryErrorBody(response.body)
        var message = "\(registry): \(request) answered \(response.status)\(detail.text)"
        let retryAfter = RetryPolicy.retryAfterSeconds(response.header("Retry-After"), now: now().timeIntervalSince1970)
        if response.status == 429 {
            if let limit = RateLimit(limit: response.header("ratelimit-limit"), remaining: response.header("ratelimit-remaining")) {
                message += "; rate limit: \(limit.description)"
            }
            if let retryAfter { message += "; the registry asks to wait \(Int(retryAfter.rounded(.up))) s" }
        }
        return RegistryError(status: response.status, code: detail.code, message: message, retryAfter: retryAfter)
    }

    /// A request to another origin (a storage host's presigned URL): no credentials.
    func anonymous(_ method: String, _ url: URL, what: String, headers: [(String, String)] = []) async throws(RegistryError) -> HTTPResponse {
        do {
            return try await transport.send(HTTPRequest(method: method, url: url, headers: [("User-Agent", Self.userAgent)] + headers))
        } catch {
            throw RegistryError(status: nil, message: "\(registry): \(what): \(error.message)")
        }
    }

    /// The User-Agent of every request.
    static let userAgent = "openkf-build-action"

    /// `scheme://host[:port]` of `url` (what "the same server" means for credentials).
    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host(percentEncoded: true)?.lowercased() ?? ""
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// The path and query of `url`.
    static func pathAndQuery(_ url: URL) -> String {
        url.path(percentEncoded: true) + (url.query(percentEncoded: true).map { "?" + $0 } ?? "")
    }
}
