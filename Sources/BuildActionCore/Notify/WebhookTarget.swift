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
        guard url.hasPrefix("https://") || url.hasPrefix("http://127.") || url.hasPrefix("http://localhost") else {
            throw InputError.secret(input: "notify-webhook", reason: "is not an https:// URL",
                                    fix: "Store the chat's incoming-webhook URL (https://...) in a secret and pass it here.")
        }
        guard !url.unicodeScalars.contains(where: { InputText.isJSWhitespace($0) || InputText.isControl($0) }) else {
            throw InputError.secret(input: "notify-webhook", reason: "contains spaces or line breaks", fix: "Store the URL on one line.")
        }
        self.url = url
        self.format = format
        let key = InputText.trimmed(secret)
        self.secret = key.isEmpty ? nil : key
    }

    /// Values to mask.
    public var secretValues: [String] { [url] + (secret.map { [$0] } ?? []) }
}
