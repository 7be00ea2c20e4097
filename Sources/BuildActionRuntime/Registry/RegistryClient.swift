import BuildActionCore
import Foundation

/// A client of one registry's distribution API (v2): manifest reads with Basic or Bearer
/// (token) authentication as Docker Hub, GHCR and ACR use it. Plain HTTP only for loopback
/// registries, as docker allows.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md
public actor RegistryClient {
    /// The registry as written in image names (`ghcr.io`, `127.0.0.1:5001`).
    public let registry: String
    private let login: RegistryCredentials?
    private let transport: any HTTPTransport
    private var tokens: [String: String] = [:]
    private var basicOnly = false

    /// A client of `registry` with optional credentials.
    public init(registry: String, login: RegistryCredentials?, transport: any HTTPTransport = SocketHTTPClient(timeout: 30)) {
        self.registry = registry
        self.login = login
        self.transport = transport
    }

    /// The API host: Docker Hub's names map to `registry-1.docker.io`.
    nonisolated var apiHost: String {
        RegistryHost.canonical(registry) == RegistryHost.dockerHub ? "registry-1.docker.io" : registry
    }

    /// `http` for loopback registries, else `https`.
    public nonisolated var scheme: String { RegistryHost.isLoopback(registry) ? "http" : "https" }

    /// A manifest fetched by tag or digest, with the digest the registry reports.
    public struct Fetched: Sendable, Equatable {
        /// `Docker-Content-Digest`, or the SHA-256 of the body.
        public let digest: String
        /// The SHA-256 of the body as received.
        public let bodyDigest: String
        /// The decoded document.
        public let manifest: ImageManifest
        /// The exact bytes (what an index entry's digest and size describe).
        public let data: Data

        /// The platform images this names: an index's non-attestation entries, or the single
        /// image manifest itself.
        public var platformImages: Set<String> { manifest.isIndex ? manifest.platformEntryDigests : [digest] }
    }

    /// `GET /v2/<repository>/manifests/<reference>`.
    public func manifest(repository: String, reference: String) async throws(RegistryError) -> Fetched {
        let path = "/v2/\(repository)/manifests/\(reference)"
        let response = try await send("GET", path: path, scope: "repository:\(repository):pull", accept: ImageManifest.acceptedTypes)
        guard response.status == 200 else {
            throw failure(response, "GET \(path)")
        }
        let bodyDigest = SHA256.digest(response.body)
        let manifest: ImageManifest
        do {
            manifest = try ImageManifest(parsing: response.body, headerType: response.header("Content-Type"))
        } catch {
            throw RegistryError(status: 200, message: "\(registry): \(path) is not a manifest: \(error.message)")
        }
        return Fetched(digest: response.header("Docker-Content-Digest") ?? bodyDigest, bodyDigest: bodyDigest, manifest: manifest, data: response.body)
    }

    /// `GET /v2/<repository>/blobs/<digest>`, following up to three redirects (GHCR and Docker
    /// Hub serve blobs from storage hosts); the credentials never go to another host. The
    /// content must match the digest.
    public func blob(repository: String, digest: String) async throws(RegistryError) -> Data {
        let path = "/v2/\(repository)/blobs/\(digest)"
        var response = try await send("GET", path: path, scope: "repository:\(repository):pull")
        var hops = 0
        while (300..<400).contains(response.status), let location = response.header("Location"), hops < 3 {
            hops += 1
            guard let target = URL(string: location, relativeTo: URL(string: "\(scheme)://\(apiHost)\(path)")),
                  let host = target.host, target.scheme == "https" || RegistryHost.isLoopback(host)
            else { throw RegistryError(status: response.status, message: "\(registry): \(path) redirects to an unusable location") }
            if host == URL(string: "\(scheme)://\(apiHost)")?.host {
                response = try await send("GET", path: target.path + (target.query.map { "?" + $0 } ?? ""), scope: "repository:\(repository):pull")
            } else {
                do {
                    response = try await transport.send(HTTPRequest(method: "GET", url: target.absoluteURL, headers: [("User-Agent", "openkf-build-action")]))
                } catch {
                    throw RegistryError(status: nil, message: "\(registry): GET \(path) (redirected): \(error.message)")
                }
            }
        }
        guard response.status == 200 else {
            throw failure(response, "GET \(path)")
        }
        guard SHA256.digest(response.body) == digest else {
            throw RegistryError(status: 200, message: "\(registry): \(path) does not match its digest")
        }
        return response.body
    }

    /// `GET /v2/<repository>/tags/list`: every tag of the repository.
    public func tags(repository: String) async throws(RegistryError) -> [String] {
        let path = "/v2/\(repository)/tags/list"
        let response = try await send("GET", path: path, scope: "repository:\(repository):pull")
        guard response.status == 200, let json = try? JSONValue(parsing: response.body) else {
            throw failure(response, "GET \(path)")
        }
        guard case .array(let names)? = json["tags"] else { return [] }
        return names.compactMap(\.stringValue)
    }

    /// Whether the repository has the blob (`HEAD /v2/<repository>/blobs/<digest>`).
    public func hasBlob(repository: String, digest: String) async throws(RegistryError) -> Bool {
        let path = "/v2/\(repository)/blobs/\(digest)"
        let response = try await send("HEAD", path: path, scope: Self.pushScope(repository))
        switch response.status {
        case 200: return true
        case 404: return false
        default: throw failure(response, "HEAD \(path)")
        }
    }

    /// Uploads a blob in one request (`POST` an upload, then `PUT` its location with the digest).
    public func uploadBlob(repository: String, digest: String, data: Data) async throws(RegistryError) {
        let start = "/v2/\(repository)/blobs/uploads/"
        let opened = try await send("POST", path: start, scope: Self.pushScope(repository), body: Data(), contentType: nil)
        guard opened.status == 202, let location = opened.header("Location") else {
            throw failure(opened, "POST \(start)")
        }
        let target = try sameHostPath(location, of: start)
        let separator = target.contains("?") ? "&" : "?"
        let digestQuery = digest.replacingOccurrences(of: ":", with: "%3A")
        let put = try await send("PUT", path: target + separator + "digest=" + digestQuery, scope: Self.pushScope(repository),
                                 body: data, contentType: "application/octet-stream")
        guard put.status == 201 else { throw failure(put, "PUT \(start)<upload> (\(digest))") }
    }

    /// Mounts a blob from another repository of this registry (no upload); false when the
    /// registry declines (it then opened an upload session, which is left to expire).
    public func mountBlob(repository: String, digest: String, from source: String) async throws(RegistryError) -> Bool {
        let path = "/v2/\(repository)/blobs/uploads/?mount=\(digest.replacingOccurrences(of: ":", with: "%3A"))&from=\(source)"
        let response = try await send("POST", path: path, scope: "repository:\(repository):pull,push repository:\(source):pull", body: Data(), contentType: nil)
        switch response.status {
        case 201: return true
        case 202: return false
        default: throw failure(response, "POST /v2/\(repository)/blobs/uploads/?mount=...")
        }
    }

    /// Stores a manifest under a tag or its digest; returns the digest the registry reports.
    @discardableResult
    public func putManifest(repository: String, reference: String, mediaType: String, data: Data) async throws(RegistryError) -> String {
        let path = "/v2/\(repository)/manifests/\(reference)"
        let response = try await send("PUT", path: path, scope: Self.pushScope(repository), body: data, contentType: mediaType)
        guard response.status == 201 else { throw failure(response, "PUT \(path)") }
        return response.header("Docker-Content-Digest") ?? SHA256.digest(data)
    }

    /// The token scope for pushing to `repository`.
    static func pushScope(_ repository: String) -> String { "repository:\(repository):pull,push" }

    /// An error for an unexpected answer, with the registry's own error text and `Retry-After`.
    func failure(_ response: HTTPResponse, _ request: String) -> RegistryError {
        RegistryError(status: response.status, message: "\(registry): \(request) answered \(response.status)\(Self.errorDetail(response.body))",
                      retryAfter: RetryPolicy.retryAfterSeconds(response.header("Retry-After")))
    }

    /// The path (with query) of an upload `Location`, which must be on this registry.
    private func sameHostPath(_ location: String, of path: String) throws(RegistryError) -> String {
        guard let url = URL(string: location, relativeTo: URL(string: "\(scheme)://\(apiHost)\(path)")),
              url.host == URL(string: "\(scheme)://\(apiHost)")?.host
        else { throw RegistryError(status: nil, message: "\(registry): the upload location \(location) is on another host") }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }

    /// Sends a request, answering a 401 challenge once with Basic or a Bearer token.
    func send(_ method: String, path: String, scope: String, accept: String? = nil, body: Data? = nil, contentType: String? = nil) async throws(RegistryError) -> HTTPResponse {
        var response = try await exchange(method, path: path, accept: accept, authorization: authorization(for: scope), body: body, contentType: contentType)
        guard response.status == 401, let header = response.header("WWW-Authenticate"), let challenge = AuthChallenge(header: header) else {
            return response
        }
        switch challenge.scheme {
        case "basic":
            guard let login else { return response }
            basicOnly = true
            response = try await exchange(method, path: path, accept: accept, authorization: login.basicAuthorization, body: body, contentType: contentType)
        case "bearer":
            let token = try await fetchToken(challenge, scope: challenge.parameters["scope"] ?? scope)
            tokens[scope] = token
            response = try await exchange(method, path: path, accept: accept, authorization: "Bearer \(token)", body: body, contentType: contentType)
        default:
            break
        }
        if response.status == 401 {
            throw RegistryError(status: 401, message: "\(registry): the credentials\(login.map { " for user \($0.username)" } ?? "") were refused (401)")
        }
        return response
    }

    private func authorization(for scope: String) -> String? {
        if let token = tokens[scope] { return "Bearer \(token)" }
        return basicOnly ? login?.basicAuthorization : nil
    }

    private func fetchToken(_ challenge: AuthChallenge, scope: String) async throws(RegistryError) -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm) else {
            throw RegistryError(status: 401, message: "\(registry): a Bearer challenge without a usable realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(URLQueryItem(name: "scope", value: scope))
        components.queryItems = query
        guard let url = components.url else {
            throw RegistryError(status: 401, message: "\(registry): cannot build the token URL from realm \(realm)")
        }
        var headers: [(String, String)] = [("User-Agent", "openkf-build-action")]
        if let login { headers.append(("Authorization", login.basicAuthorization)) }
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
        } catch {
            throw RegistryError(status: nil, message: "\(registry): token server \(url.host ?? realm): \(error.message)")
        }
        guard response.status == 200, let json = try? JSONValue(parsing: response.body),
            let token = (json["token"] ?? json["access_token"])?.stringValue, !token.isEmpty
        else {
            throw RegistryError(status: response.status == 200 ? 401 : response.status, message: "\(registry): the token server refused \(login.map { "user \($0.username)" } ?? "anonymous access") for \(scope) (\(response.status))")
        }
        return token
    }

    private func exchange(_ method: String, path: String, accept: String?, authorization: String?, body: Data? = nil, contentType: String? = nil) async throws(RegistryError) -> HTTPResponse {
        guard let url = URL(string: "\(scheme)://\(apiHost)\(path)") else {
            throw RegistryError(status: nil, message: "\(registry): invalid request path \(path)")
        }
        var headers: [(String, String)] = [("User-Agent", "openkf-build-action")]
        if let accept { headers.append(("Accept", accept)) }
        if let authorization { headers.append(("Authorization", authorization)) }
        if let contentType { headers.append(("Content-Type", contentType)) }
        do {
            return try await transport.send(HTTPRequest(method: method, url: url, headers: headers, body: body))
        } catch {
            throw RegistryError(status: nil, message: "\(registry): \(method) \(path): \(error.message)")
        }
    }

    /// The registry's error text (`{"errors":[{"code":..,"message":..}]}`), if any.
    static func errorDetail(_ body: Data) -> String {
        guard let json = try? JSONValue(parsing: body), case .array(let errors)? = json["errors"] else { return "" }
        let texts = errors.compactMap { error -> String? in
            let code = error["code"]?.stringValue
            let message = error["message"]?.stringValue
            let detail = error["detail"]?.stringValue.flatMap { $0.isEmpty ? nil : String($0.prefix(300)) }
            return [code, message, detail].compactMap { $0 }.joined(separator: ": ")
        }
        return texts.isEmpty ? "" : " (" + texts.joined(separator: "; ") + ")"
    }
}
