import BuildActionCore
import Foundation
import JavaScriptCompat
import SocketHTTP

extension RegistryClient {
    /// Sends a request with the newest token that was asked for everything it needs (or Basic
    /// credentials once the registry asked for them), and answers a 401 challenge once: Basic
    /// with the credentials, Bearer with a token for the request's scope merged with the
    /// challenge's (GHCR names only `pull`, whatever the request needs).
    /// https://distribution.github.io/distribution/spec/auth/token/
    func send(_ request: RegistryRequest) async throws(RegistryError) -> HTTPResponse {
        var response = try await exchange(request, authorization: authorization(for: request.scope))
        guard response.status == 401, let header = response.header("WWW-Authenticate"), let challenge = AuthChallenge(header: header) else {
            return response
        }
        switch challenge.scheme {
        case "basic":
            guard let login else { return response }
            basicOnly = true
            response = try await exchange(request, authorization: login.basicAuthorization)
        case "bearer":
            let scope = request.scope.merging(AuthScope(parsing: challenge.parameters["scope"] ?? ""))
            let token = try await fetchToken(challenge, scope: scope)
            tokens.append((scope, token))
            response = try await exchange(request, authorization: "Bearer \(token)")
        default:
            return response
        }
        guard response.status == 401 else { return response }
        throw refusal(response, request)
    }

    /// The error for a request still refused after authenticating: wrong credentials, or (with
    /// `insufficient_scope`) an account that may not do this to the repository.
    private func refusal(_ response: HTTPResponse, _ request: RegistryRequest) -> RegistryError {
        let user = login.map { " for user \($0.username)" } ?? ""
        let challenge = response.header("WWW-Authenticate").flatMap(AuthChallenge.init(header:))
        if challenge?.parameters["error"] == "insufficient_scope" {
            return RegistryError(status: 403, code: "DENIED",
                                 message: "\(registry): the token\(user) does not allow \(request.scope) (\(request.method) \(request.path) answered 401 insufficient_scope)")
        }
        return RegistryError(status: 401, message: "\(registry): the credentials\(user) were refused (401)")
    }

    private func authorization(for scope: AuthScope) -> String? {
        if let entry = tokens.last(where: { $0.scope.covers(scope) }) { return "Bearer \(entry.token)" }
        return basicOnly ? login?.basicAuthorization : nil
    }

    /// A token from the challenge's realm for `scope`, one `scope` parameter per resource.
    /// Credentials go to the realm only over https, or over http when the registry and the realm
    /// are both on loopback.
    private func fetchToken(_ challenge: AuthChallenge, scope: AuthScope) async throws(RegistryError) -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
              let realmScheme = components.scheme?.lowercased(), let realmHost = components.host
        else { throw RegistryError(status: 401, message: "\(registry): a Bearer challenge without a usable realm") }
        if login != nil, realmScheme != "https", !(RegistryHost.isLoopback(registry) && RegistryHost.isLoopback(realmHost)) {
            throw RegistryError(status: nil, code: "INSECURE_REALM",
                                message: "\(registry): refusing to send the credentials to the token realm \(realm) over plain http; a registry's token service must use https")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query += scope.queryValues.map { URLQueryItem(name: "scope", value: $0) }
        components.queryItems = query
        guard let url = components.url else {
            throw RegistryError(status: 401, message: "\(registry): cannot build the token URL from realm \(realm)")
        }
        var headers: [(String, String)] = [("User-Agent", Self.userAgent)]
        if let login { headers.append(("Authorization", login.basicAuthorization)) }
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
        } catch {
            throw RegistryError(status: nil, message: "\(registry): token server \(realmHost): \(error.message)")
        }
        guard response.status == 200, let json = try? JSONValue(parsing: response.body),
              let token = (json["token"] ?? json["access_token"])?.stringValue, !token.isEmpty
        else {
            let status = response.status == 200 ? 401 : response.status
            let who = login.map { "user \($0.username)" } ?? "anonymous access"
            throw RegistryError(status: status, message: "\(registry): the token server refused \(who) for \(scope) (\(response.status))",
                                retryAfter: RetryPolicy.retryAfterSeconds(response.header("Retry-After"), now: now().timeIntervalSince1970))
        }
        return token
    }

    /// One HTTP exchange with the registry.
    func exchange(_ request: RegistryRequest, authorization: String?) async throws(RegistryError) -> HTTPResponse {
        guard let url = URL(string: origin + request.path) else {
            throw RegistryError(status: nil, message: "\(registry): invalid request path \(request.path)")
        }
        var headers: [(String, String)] = [("User-Agent", Self.userAgent)]
        if let accept = request.accept { headers.append(("Accept", accept)) }
        if let authorization { headers.append(("Authorization", authorization)) }
        if let contentType = request.contentType { headers.append(("Content-Type", contentType)) }
        headers += request.headers
        var outgoing = HTTPRequest(method: request.method, url: url, headers: headers, storedBytes: request.storedBytes)
        outgoing.body = request.body
        do {
            return try await transport.send(outgoing)
        } catch {
            throw RegistryError(status: nil, code: error.kind == .bodyUnreadable ? "LAYOUT" : nil,
                                message: "\(registry): \(request.method) \(request.path.split(separator: "?").first ?? ""): \(error.message)")
        }
    }
}
