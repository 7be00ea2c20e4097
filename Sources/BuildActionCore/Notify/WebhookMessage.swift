import Foundation
import JavaScriptCompat

/// A failure notification as a chat's incoming webhook takes it.
public struct WebhookMessage: Sendable, Equatable {
    /// Where to POST (DingTalk's signature goes into the query).
    public let url: String
    /// The JSON body.
    public let body: Data

    /// The message of `report` for `target`; `timestamp` is milliseconds since 1970 (Feishu
    /// takes seconds: the value is divided). The text is escaped for the chat's own markup
    /// (`NotificationText`): no message mentions anyone.
    public init(report: FailureReport, target: WebhookTarget, timestampMilliseconds: Int64) {
        switch target.format {
        case .slack:
            url = target.url
            body = Data(JSONText.object([("text", .string(NotificationText.slack(report.text)))]).compact.utf8)
        case .feishu:
            url = target.url
            var members: [(String, JSONText?)] = [("msg_type", .string("text")), ("content", .object([("text", .string(NotificationText.feishu(report.text)))]))]
            if let secret = target.secret {
                let seconds = String(timestampMilliseconds / 1000)
                members.insert(("timestamp", .string(seconds)), at: 0)
                members.insert(("sign", .string(Self.feishuSignature(secret: secret, timestamp: seconds))), at: 1)
            }
            body = Data(JSONText.object(members).compact.utf8)
        case .dingtalk:
            if let secret = target.secret {
                let stamp = String(timestampMilliseconds)
                let sign = Self.dingTalkSignature(secret: secret, timestamp: stamp)
                url = target.url + (target.url.contains("?") ? "&" : "?") + "timestamp=\(stamp)&sign=\(Self.percentEncoded(sign))"
            } else {
                url = target.url
            }
            // Only the numbers and ids listed in `at` are mentioned: none, and never everyone.
            let at: JSONText = .object([("atMobiles", .array([])), ("atUserIds", .array([])), ("isAtAll", .literal("false"))])
            body = Data(JSONText.object([
                ("msgtype", .string("text")), ("text", .object([("content", .string(NotificationText.dingTalk(report.text)))])), ("at", at),
            ]).compact.utf8)
        }
    }

    /// Feishu/Lark: base64 of HMAC-SHA256 with key `timestamp + "\n" + secret` over nothing.
    public static func feishuSignature(secret: String, timestamp: String) -> String {
        Data(HMACSHA256.code(key: timestamp + "\n" + secret, message: "")).base64EncodedString()
    }

    /// DingTalk: base64 of HMAC-SHA256 with key `secret` over `timestamp + "\n" + secret`.
    public static func dingTalkSignature(secret: String, timestamp: String) -> String {
        Data(HMACSHA256.code(key: secret, message: timestamp + "\n" + secret)).base64EncodedString()
    }

    /// `+`, `/` and `=` escaped for a query value.
    static func percentEncoded(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
    }
}
