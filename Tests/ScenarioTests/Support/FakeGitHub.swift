import BuildActionRuntime
import Foundation
import SocketHTTP

/// GitHub's REST API for one repository, as far as the action uses it: the repository
/// (`GET /repos/OWNER/NAME`, behind the OCI labels), a commit's date, and the issues the
/// notifier lists, opens, comments on and closes (kept, so that a later run sees them).
/// Requests need `Authorization: token <the job token>`.
final class FakeGitHub: @unchecked Sendable {
    /// A request as the API saw it.
    struct Request: Sendable {
        let method: String
        /// Path and query.
        let target: String
        let authorization: String?
        /// The JSON body, compact, or nil.
        let body: String?
    }

    /// An issue.
    struct Issue: Sendable, Equatable {
        let number: Int
        let title: String
        let body: String
        let labels: [String]
        var state: String
        var comments: [String]
    }

    let repository: String
    let token: String
    /// The committer date the commits API reports for every commit.
    let commitDate: String

    private let lock = NSLock()
    private var recorded: [Request] = []
    private var stored: [Issue] = []

    init(repository: String, token: String, commitDate: String) {
        self.repository = repository
        self.token = token
        self.commitDate = commitDate
    }

    /// Every request so far.
    var requests: [Request] { lock.withLock { recorded } }
    /// The issues, in creation order.
    var issues: [Issue] { lock.withLock { stored } }

    /// Adds an issue as if an earlier run had opened it.
    func open(title: String, labels: [String]) {
        lock.withLock { stored.append(Issue(number: stored.count + 1, title: title, body: "", labels: labels, state: "open", comments: [])) }
    }

    /// Answers a request to api.github.com.
    func handle(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        let path = request.url.path(percentEncoded: true)
        let query = request.url.query(percentEncoded: true)
        let body = try request.body?.received()
        let authorization = request.headers.first { $0.0.lowercased() == "authorization" }?.1
        lock.withLock {
            recorded.append(Request(method: request.method, target: path + (query.map { "?" + $0 } ?? ""), authorization: authorization,
                                    body: body.map { String(decoding: $0, as: UTF8.self) }))
        }
        guard authorization == "token \(token)" else {
            return Self.json(401, ["message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"])
        }
        let base = "/repos/\(repository)"
        let object = body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        switch (request.method, path) {
        case ("GET", base):
            let name = repository.split(separator: "/").last.map(String.init) ?? repository
            return Self.json(200, ["id": 605_040_302, "name": name, "full_name": repository, "html_url": "https://github.com/\(repository)",
                                   "description": "OpenKF, an open-source customer service system", "license": ["spdx_id": "Apache-2.0"],
                                   "default_branch": "main", "private": false])
        case ("GET", _) where path.hasPrefix(base + "/commits/"):
            return Self.json(200, ["sha": String(path.dropFirst(base.count + 9)), "commit": ["committer": ["name": "openkf-bot", "date": commitDate]]])
        case ("GET", base + "/issues"):
            let open = lock.withLock { stored.filter { $0.state == "open" } }
            return Self.json(200, open.map { ["number": $0.number, "title": $0.title, "state": $0.state, "labels": $0.labels.map { ["name": $0] }] })
        case ("POST", base + "/issues"):
            let issue = lock.withLock { () -> Issue in
                let issue = Issue(number: stored.count + 1, title: object["title"] as? String ?? "", body: object["body"] as? String ?? "",
                                  labels: object["labels"] as? [String] ?? [], state: "open", comments: [])
                stored.append(issue)
                return issue
            }
            return Self.json(201, ["number": issue.number, "title": issue.title, "state": "open"])
        default:
            break
        }
        if let match = path.wholeMatch(of: #/\/repos\/[^\/]+\/[^\/]+\/issues\/(\d+)(\/comments)?/#), let number = Int(match.1) {
            let found = lock.withLock { () -> Bool in
                guard let index = stored.firstIndex(where: { $0.number == number }) else { return false }
                if match.2 != nil, request.method == "POST" { stored[index].comments.append(object["body"] as? String ?? "") }
                if match.2 == nil, request.method == "PATCH", let state = object["state"] as? String { stored[index].state = state }
                return true
            }
            if found { return Self.json(match.2 == nil ? 200 : 201, ["number": number]) }
        }
        return Self.json(404, ["message": "Not Found", "documentation_url": "https://docs.github.com/rest"])
    }

    private static func json(_ status: Int, _ object: Any) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }
}
