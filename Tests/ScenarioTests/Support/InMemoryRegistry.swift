import BuildActionCore
import BuildActionRuntime
import Foundation
import SocketHTTP

/// One registry's distribution API in memory, behind the fake network: the subset the
/// action's client uses (`GET /v2/`, blob HEAD/GET, uploads with mounts, `PATCH` chunks and
/// `PUT ?digest=` checked against the bytes received, manifests by tag and digest, tag lists),
/// Basic or Bearer authentication with a token service, the quirks of its `RegistryProfile`,
/// and injected `RegistryFault`s. Its contents stay inspectable: repositories, tags, digests,
/// blobs, and every request with its answer.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md
final class InMemoryRegistry: @unchecked Sendable {
    /// A stored manifest.
    struct Manifest: Sendable, Equatable {
        let mediaType: String
        let data: Data
    }

    /// A request as the registry saw it, with its answer.
    struct Request: Sendable, Equatable {
        let method: String
        /// Path and query.
        let target: String
        let status: Int
        /// `Basic`, `Bearer` or nil.
        let authorization: String?
        /// The length of the request's body.
        let bodyBytes: Int
    }

    /// An upload in progress.
    struct Upload {
        let repository: String
        var data: Data
    }

    let profile: RegistryProfile
    /// The account: nil as the user name accepts any (GHCR takes any name with the token).
    let account: (username: String?, password: String)

    let lock = NSLock()
    var blobs: [String: Data] = [:]
    var links: [String: Set<String>] = [:]
    var manifests: [String: [String: Manifest]] = [:]
    var tagged: [String: [String: String]] = [:]
    var uploads: [String: Upload] = [:]
    var grants: [String: Set<String>] = [:]
    var faults: [RegistryFault] = []
    /// The compiled pattern of each `.answer` fault, by its index in `faults`.
    var patterns: [Int: Regex<AnyRegexOutput>] = [:]
    var faultUses: [Int: Int] = [:]
    var lagging: [String: Int] = [:]
    var counter = 0
    var log: [Request] = []

    init(profile: RegistryProfile, account: (username: String?, password: String)) {
        self.profile = profile
        self.account = account
    }

    /// Adds faults (they apply from the next request on).
    func inject(_ added: [RegistryFault]) throws {
        try lock.withLock {
            for fault in added {
                if case .answer(_, _, let pattern, _) = fault { patterns[faults.count] = try Regex(pattern) }
                faults.append(fault)
            }
        }
    }

    /// Whether the credentials are this registry's account.
    func accepts(username: String, password: String) -> Bool {
        (account.username == nil || account.username == username) && account.password == password
    }

    /// What the daemon answers `docker login`: nil when accepted, else its error text.
    func dockerLogin(username: String, password: String) -> String? {
        let url = "https://\(profile.apiHost)/v2/"
        if lock.withLock({ faults.contains(.down) }) {
            return "Get \"\(url)\": dial tcp 203.0.113.7:443: connect: connection refused"
        }
        // the daemon checks the credentials with GET /v2/: an injected answer applies to it
        if let answer = fault(for: HTTPRequest(method: "GET", url: URL(string: url)!), target: "/v2/"), answer.status >= 500 || answer.status == 429 {
            let reason = [429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"][answer.status] ?? "Error"
            return "received unexpected HTTP status: \(answer.status) \(reason)"
        }
        guard accepts(username: username, password: password) else {
            return "Get \"\(url)\": unauthorized: incorrect username or password"
        }
        return nil
    }

    // MARK: - Inspection

    /// Every repository with a manifest.
    var repositories: [String] { lock.withLock { manifests.keys.sorted() } }

    /// The tags of `repository` and the digest each names.
    func tags(in repository: String) -> [String: String] { lock.withLock { tagged[repository] ?? [:] } }

    /// A manifest by digest.
    func manifest(_ repository: String, _ digest: String) -> Manifest? { lock.withLock { manifests[repository]?[digest] } }

    /// The blobs linked to `repository`.
    func blobs(in repository: String) -> Set<String> { lock.withLock { links[repository] ?? [] } }

    /// Every request so far.
    var requests: [Request] { lock.withLock { log } }

    // MARK: - The API

    /// Answers a request to the API host.
    func handle(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        if lock.withLock({ faults.contains(.down) }) {
            throw HTTPClientError(.connectionRefused, "\(profile.apiHost):443: connection refused")
        }
        let path = request.url.path(percentEncoded: true)
        let query = request.url.query(percentEncoded: true)
        let target = path + (query.map { "?" + $0 } ?? "")
        var response: HTTPResponse
        if let injected = fault(for: request, target: target) {
            response = injected
        } else {
            do {
                response = try route(request, path: path)
            } catch let error as HTTPClientError {
                throw error
            } catch {
                response = Self.error(500, "UNKNOWN", "\(error)")
            }
        }
        if request.method == "HEAD" { response = HTTPResponse(status: response.status, headers: response.headers) }
        let scheme = request.headers.first { $0.0.lowercased() == "authorization" }?.1.split(separator: " ").first.map(String.init)
        let entry = Request(method: request.method, target: target, status: response.status, authorization: scheme, bodyBytes: request.body?.count ?? 0)
        lock.withLock { log.append(entry) }
        return response
    }

    /// The first injected fault that answers this request, using it up.
    func fault(for request: HTTPRequest, target: String) -> HTTPResponse? {
        lock.withLock {
            for (index, fault) in faults.enumerated() {
                switch fault {
                case .answer(let status, let first, _, let retryAfter):
                    guard let regex = patterns[index], "\(request.method) \(target)".contains(regex), faultUses[index, default: 0] < first else { continue }
                    faultUses[index, default: 0] += 1
                    var headers: [(String, String)] = retryAfter.map { [("Retry-After", $0)] } ?? []
                    if status == 429 {
                        headers += [("ratelimit-limit", "100;w=21600"), ("ratelimit-remaining", "0;w=21600"), ("docker-ratelimit-source", "203.0.113.9")]
                        return Self.error(429, "TOOMANYREQUESTS", "You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit", headers: headers)
                    }
                    switch status {
                    case 401: return Self.error(401, "UNAUTHORIZED", "authentication required", headers: headers)
                    case 403: return Self.error(403, "DENIED", "requested access to the resource is denied", headers: headers)
                    default: return Self.error(status, "UNAVAILABLE", "service unavailable", headers: headers)
                    }
                case .maxBody(let bytes):
                    guard let count = request.body?.count, count > bytes else { continue }
                    let page = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
                    return HTTPResponse(status: 413, headers: [("Content-Type", "text/html")], body: Data(page.utf8))
                default:
                    continue
                }
            }
            return nil
        }
    }

    /// Routes an authenticated request to blobs, uploads, manifests or tags.
    private func route(_ request: HTTPRequest, path: String) throws -> HTTPResponse {
        if path == "/v2/" || path == "/v2" {
            return authenticate(request, repository: nil, actions: []) ?? HTTPResponse(status: 200, headers: [("Docker-Distribution-API-Version", "registry/2.0")], body: Data("{}".utf8))
        }
        let writes = ["POST", "PUT", "PATCH", "DELETE"].contains(request.method)
        guard path.hasPrefix("/v2/") else { return Self.error(404, "UNSUPPORTED", "The operation is unsupported.") }
        let rest = path.dropFirst(4)
        if let range = rest.range(of: "/blobs/uploads", options: .backwards) {
            let repository = String(rest[..<range.lowerBound])
            if let refusal = authenticate(request, repository: repository, actions: ["pull", "push"]) { return refusal }
            let id = rest[range.upperBound...].trimmingPrefix("/")
            return id.isEmpty ? try startUpload(request, repository: repository) : try continueUpload(request, repository: repository, id: String(id))
        }
        if let range = rest.range(of: "/blobs/", options: .backwards) {
            let repository = String(rest[..<range.lowerBound])
            if let refusal = authenticate(request, repository: repository, actions: writes ? ["pull", "push"] : ["pull"]) { return refusal }
            return blob(request, repository: repository, digest: String(rest[range.upperBound...]))
        }
        if let range = rest.range(of: "/manifests/", options: .backwards) {
            let repository = String(rest[..<range.lowerBound])
            let reference = String(rest[range.upperBound...])
            if let refusal = authenticate(request, repository: repository, actions: writes ? ["pull", "push"] : ["pull"]) { return refusal }
            return try manifest(request, repository: repository, reference: reference.removingPercentEncoding ?? reference)
        }
        if rest.hasSuffix("/tags/list") {
            let repository = String(rest.dropLast("/tags/list".count))
            if let refusal = authenticate(request, repository: repository, actions: ["pull"]) { return refusal }
            let tags = lock.withLock { tagged[repository].map { $0.keys.sorted() } }
            guard let tags else { return Self.error(404, "NAME_UNKNOWN", "repository name not known to registry", detail: ["name": repository]) }
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: try FakeBuildKit.json(["name": repository, "tags": tags]))
        }
        return Self.error(404, "UNSUPPORTED", "The operation is unsupported.")
    }

    /// Nil when the request may do `actions` on `repository`, else the 401 to answer.
    private func authenticate(_ request: HTTPRequest, repository: String?, actions: [String]) -> HTTPResponse? {
        let header = request.headers.first { $0.0.lowercased() == "authorization" }?.1 ?? ""
        switch profile.authentication {
        case .basic:
            if header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
               let colon = decoded.firstIndex(of: ":"),
               accepts(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...])) {
                return nil
            }
            return Self.error(401, "UNAUTHORIZED", "authentication required", headers: [("WWW-Authenticate", "Basic realm=\"Registry Realm\"")])
        case .bearer(let realm, let service, let pullOnly):
            let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : nil
            let granted = token.flatMap { token in lock.withLock { grants[token] } }
            if let granted, actions.allSatisfy({ granted.contains("\(repository ?? ""):\($0)") }) { return nil }
            var challenge = "Bearer realm=\"\(realm)\",service=\"\(service)\""
            if let repository { challenge += ",scope=\"repository:\(repository):\(pullOnly ? "pull" : actions.joined(separator: ","))\"" }
            if granted != nil { challenge += ",error=\"insufficient_scope\"" }
            return Self.error(401, "UNAUTHORIZED", "authentication required", headers: [("WWW-Authenticate", challenge)])
        }
    }

    /// The token service: grants what is asked for to the account (`pull` only to anonymous
    /// requests); wrong credentials get Docker Hub's 401.
    func token(_ request: HTTPRequest) -> HTTPResponse {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let items = components?.queryItems ?? []
        let header = request.headers.first { $0.0.lowercased() == "authorization" }?.1 ?? ""
        var authenticated = false
        if header.hasPrefix("Basic ") {
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let parts = decoded.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, accepts(username: parts[0], password: parts[1]), !lock.withLock({ faults.contains(.refuseTokens) }) else {
                return HTTPResponse(status: 401, headers: [("Content-Type", "application/json")], body: Data(#"{"details":"incorrect username or password"}"#.utf8))
            }
            authenticated = true
        }
        var granted: Set<String> = []
        for scope in items.filter({ $0.name == "scope" }).compactMap(\.value) {
            let parts = scope.split(separator: ":").map(String.init)
            guard parts.count == 3, parts[0] == "repository" else { continue }
            let pullOnly = !authenticated || lock.withLock { faults.contains(.grantsPullOnly) }
            for action in parts[2].split(separator: ",") where !pullOnly || action == "pull" { granted.insert("\(parts[1]):\(action)") }
        }
        let token = lock.withLock { () -> String in
            counter += 1
            let token = "\(profile.name)-token-\(counter)"
            grants[token] = granted
            return token
        }
        let body = #"{"token":"\#(token)","access_token":"\#(token)","expires_in":300,"issued_at":"2026-11-01T12:00:00Z"}"#
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data(body.utf8))
    }

    /// The storage host's answer to a presigned blob URL.
    func storage(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.url.path(percentEncoded: false)
        guard request.url.query?.contains("verify=") == true, request.headers.allSatisfy({ $0.0.lowercased() != "authorization" }),
              let hex = path.split(separator: "/").dropLast().last, let data = lock.withLock({ blobs["sha256:" + hex] })
        else { return HTTPResponse(status: 403, body: Data("<Error><Code>AccessDenied</Code></Error>".utf8)) }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream"), ("Content-Length", String(data.count))],
                            body: request.method == "HEAD" ? Data() : data)
    }

    /// A registry error document.
    static func error(_ status: Int, _ code: String, _ message: String, detail: Any? = nil, headers: [(String, String)] = []) -> HTTPResponse {
        var error: [String: Any] = ["code": code, "message": message]
        if let detail { error["detail"] = detail }
        let body = (try? FakeBuildKit.json(["errors": [error]])) ?? Data()
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }
}
