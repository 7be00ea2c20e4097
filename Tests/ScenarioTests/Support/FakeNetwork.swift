import BuildActionRuntime
import Foundation
import SocketHTTP

/// The internet as one run of the action sees it, behind `HTTPTransport`: requests are routed
/// by host to the in-memory registries (their API hosts, token realms and storage hosts), to
/// GitHub's API and to the chat webhooks; any other host does not resolve. Every request is
/// recorded (method, URL, whether it carried credentials).
final class FakeNetwork: HTTPTransport, @unchecked Sendable {
    /// A request as it left the action.
    struct Request: Sendable {
        let method: String
        let url: String
        let authorization: String?
    }

    /// A webhook message that arrived.
    struct WebhookMessage: Sendable {
        let url: String
        let body: String
    }

    let registries: [InMemoryRegistry]
    let github: FakeGitHub
    /// Hosts that accept webhook POSTs (Slack, Feishu, DingTalk).
    static let webhookHosts: Set<String> = ["hooks.slack.com", "open.feishu.cn", "oapi.dingtalk.com"]

    private let lock = NSLock()
    private var recorded: [Request] = []
    private var received: [WebhookMessage] = []

    init(registries: [InMemoryRegistry], github: FakeGitHub) {
        self.registries = registries
        self.github = github
    }

    /// Every request so far.
    var requests: [Request] { lock.withLock { recorded } }
    /// Every webhook message so far.
    var webhookMessages: [WebhookMessage] { lock.withLock { received } }

    /// The registry that image names call `name` (`docker.io`, `ghcr.io`...).
    func registry(_ name: String) -> InMemoryRegistry? {
        registries.first { $0.profile.name == name || $0.profile.loginHosts.contains(name) }
    }

    /// What the daemon answers `docker login HOST`: nil when accepted, else its error text.
    func dockerLogin(host: String, username: String, password: String) -> String? {
        guard let registry = registry(host) else {
            return "Get \"https://\(host)/v2/\": dial tcp: lookup \(host) on 127.0.0.53:53: no such host"
        }
        return registry.dockerLogin(username: username, password: password)
    }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let host = request.url.host ?? ""
        let authorization = request.headers.first { $0.0.lowercased() == "authorization" }?.1
        lock.withLock { recorded.append(Request(method: request.method, url: request.url.absoluteString, authorization: authorization)) }
        guard request.url.scheme == "https" else {
            throw HTTPClientError(.connectionRefused, "\(host):80: connection refused (only https is served here)")
        }
        let path = request.url.path(percentEncoded: true)
        for registry in registries {
            if let realm = registry.profile.realm, realm.host == host, realm.path == path { return registry.token(request) }
            if registry.profile.apiHost == host { return try registry.handle(request) }
            if registry.profile.storageHost == host { return registry.storage(request) }
        }
        if host == "api.github.com" { return try github.handle(request) }
        if Self.webhookHosts.contains(host) {
            guard request.method == "POST" else { return HTTPResponse(status: 405) }
            let body = try request.body?.received() ?? Data()
            lock.withLock { received.append(WebhookMessage(url: request.url.absoluteString, body: String(decoding: body, as: UTF8.self))) }
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Data("ok".utf8))
        }
        throw HTTPClientError(.dnsFailure, "cannot resolve \(host): Name or service not known")
    }
}
