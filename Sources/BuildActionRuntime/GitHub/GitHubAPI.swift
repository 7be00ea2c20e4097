import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat
import SocketHTTP

/// A small client of GitHub's REST API (`$GITHUB_API_URL`), answering with Octokit's error texts.
public struct GitHubAPI: Sendable {
    /// The API root, like `https://api.github.com`.
    public let baseURL: String
    /// The token sent as `Authorization: token ...` (no header when empty: anonymous requests).
    public let token: String
    private let transport: any HTTPTransport

    /// A client of `baseURL` with `token`, over `transport`.
    public init(baseURL: String, token: String, transport: any HTTPTransport = SocketHTTPClient(timeout: 30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.transport = transport
    }

    /// `GET /repos/{owner}/{repo}`.
    public func repository(_ slug: RepositorySlug) async throws(GitHubAPIError) -> RepositoryInfo {
        RepositoryInfo(json: try await get("/repos/\(Self.encode(slug.owner))/\(Self.encode(slug.name))"))
    }

    /// `GET /repos/{owner}/{repo}/commits/{ref}`: the committer date.
    public func commitDate(_ slug: RepositorySlug, ref: String) async throws(GitHubAPIError) -> Date? {
        let json = try await get("/repos/\(Self.encode(slug.owner))/\(Self.encode(slug.name))/commits/\(Self.encode(ref))")
        guard let date = json["commit"]?["committer"]?["date"], date.isTruthy else {
            throw .noCommitDate
        }
        return JavaScriptDate.parse(date.javaScriptString)
    }

    /// GETs `path` and decodes JSON; failures carry Octokit's `RequestError` message.
    public func get(_ path: String) async throws(GitHubAPIError) -> JSONValue {
        try await send("GET", path)
    }

    /// A request with an optional JSON body (`POST`, `PATCH`); the decoded answer.
    public func send(_ method: String, _ path: String, body: JSONText? = nil) async throws(GitHubAPIError) -> JSONValue {
        guard let url = URL(string: baseURL + path) else {
            throw .invalidURL(baseURL + path)
        }
        var headers = [("Accept", "application/vnd.github.v3+json"), ("User-Agent", "openkf-build-action")]
        if !token.isEmpty {
            headers.append(("Authorization", "token \(token)"))
        }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: method, url: url, headers: headers, body: body.map { Data($0.compact.utf8) }))
        } catch {
            throw .unreachable(message: Self.networkMessage(error, url: url), baseURL: baseURL)
        }
        let data = response.body
        let status = response.status
        let body = (try? JSONValue(parsing: data)) ?? .string(String(decoding: data, as: UTF8.self))
        guard (200..<300).contains(status) else {
            throw .status(status, message: Self.errorMessage(status: status, body: body))
        }
        return body
    }

    /// Octokit's `toErrorMessage`.
    static func errorMessage(status: Int, body: JSONValue) -> String {
        if status == 304 { return "Not modified" }
        switch body {
        case .string(let text):
            return text
        case .object(let members):
            guard let message = members["message"] else { break }
            let suffix = members["documentation_url"].map { " - \($0.javaScriptString)" } ?? ""
            if case .array(let errors)? = members["errors"] {
                let details = errors.map { JSONText.from($0).compact }.joined(separator: ", ")
                return "\(message.javaScriptString): \(details)\(suffix)"
            }
            return message.javaScriptString + suffix
        default:
            break
        }
        return "Unknown error: \(JSONText.from(body).compact)"
    }

    /// Node's wording for a failed connection (`connect ECONNREFUSED host:port`), else ours.
    private static func networkMessage(_ error: HTTPClientError, url: URL) -> String {
        if error.kind == .connectionRefused {
            return "connect ECONNREFUSED \(url.host ?? ""):\(url.port.map(String.init) ?? (url.scheme == "https" ? "443" : "80"))"
        }
        return error.message
    }

    /// `encodeURIComponent`.
    static func encode(_ component: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-_.!~*'()")
        return component.addingPercentEncoding(withAllowedCharacters: allowed) ?? component
    }
}
