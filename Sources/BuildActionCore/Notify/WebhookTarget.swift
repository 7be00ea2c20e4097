import Foundation

/// `notify-webhook`, `notify-webhook-format` and `notify-webhook-secret`: where a failure
/// notification is POSTed and in which chat's format.
public struct WebhookTarget: Sendable, Equatable {
    /// The chat formats.
    public enum Format: String, Sendable, CaseIterable {
        /// `{"text": ...}` (Slack incoming webhooks, Mattermost, Rocket.Chat, Teams workflows).
        case slack
        /// Feishu / Lark custom bots: `msg_type: text`, optional `timestamp` + `sign`.
        case feishu
        /// DingTalk custom robots: `msgtype: text`, optional `timestamp` + `sign` in the URL.
        case dingtalk
    }

    /// The URL (a secret: it authorises posting).
    public let url: String
    /// The format.
    public let format: Format
    /// The signing secret (Feishu, DingTalk), or nil.
    public let secret: String?

    /// Parses the inputs; nil when `url` is empty. Errors never quote the URL.
    public init?(url raw: String, format formatText: String, secret: String) throws(InputError) {
        let name = InputText.trimmed(formatText).lowercased()
        guard let format = name.isEmpty ? .slack : Format(rawValue: name == "lark" ? "feishu" : name) else {
            throw InputError(input: "notify-webhook-format", value: formatText, reason: "is not a known format",
                             fix: "Use slack (default), feishu (or lark) or dingtalk.")
        }
        let url = InputText.trimmed(raw)
        guard !url.isEmpty else { return nil }
        guard !url.unicodeScalars.contains(where: { InputText.isJSWhitespace($0) || InputText.isControl($0) }) else {
            throw InputError.secret(input: "notify-webhook", reason: "contains spaces or line breaks", fix: "Store the URL on one line.")
        }
        try Self.check(url)
        self.url = url
        self.format = format
        let key = InputText.trimmed(secret)
        self.secret = key.isEmpty ? nil : key
    }

    /// Checks the parsed URL, as the notifier's `URL(string:)` reads it: https, or http to a
    /// loopback host; no user information (`user:password@` would make a prefix like
    /// `http://localhost@` lead to another host).
    ///
    /// [RFC 3986: authority](https://www.rfc-editor.org/rfc/rfc3986#section-3.2)
    static func check(_ url: String) throws(InputError) {
        let notHTTPS = InputError.secret(input: "notify-webhook", reason: "is not an https:// URL",
                                         fix: "Store the chat's incoming-webhook URL (https://...) in a secret and pass it here.")
        guard let schemeEnd = url.range(of: "://") else { throw notHTTPS }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { throw notHTTPS }
        let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") {
            throw InputError.secret(input: "notify-webhook", reason: "has a user name or password before the host (user@host)",
                                    fix: "Remove the user:password@ part: an incoming-webhook URL carries its secret in its path or query.")
        }
        guard let parsed = URL(string: url), parsed.scheme?.lowercased() == scheme, parsed.user == nil, parsed.password == nil,
              let host = parsed.host(percentEncoded: true), !host.isEmpty else { throw notHTTPS }
        if scheme == "http" && !RegistryHost.isLoopback(host) {
            throw InputError.secret(input: "notify-webhook", reason: "is http:// to a host that is not loopback",
                                    fix: "Use the chat's https:// incoming-webhook URL; plain http is accepted only for localhost, 127.0.0.0/8 and [::1].")
        }
    }

    /// Values to mask.
    public var secretValues: [String] { [url] + (secret.map { [$0] } ?? []) }
}
