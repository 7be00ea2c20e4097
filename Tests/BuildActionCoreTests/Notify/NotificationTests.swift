import Foundation
import JavaScriptCompat
import Testing

@testable import BuildActionCore

@Suite("Notifications: HMAC, chat formats, issue texts")
struct NotificationTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (case 5 truncates the output).
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ] as [([UInt8], [UInt8], String)])
    func hmacMatchesRFC4231(_ key: [UInt8], _ message: [UInt8], _ expected: String) {
        #expect(Self.hex(HMACSHA256.code(key: key, message: message)) == expected)
    }

    /// Values from Python's hmac module with the chats' documented recipes.
    @Test func chatSignatures() {
        #expect(WebhookMessage.feishuSignature(secret: "SECabc", timestamp: "1700000000") == "XprR1de+0SSBnwWyU/4k6x2TL+Q2SJlM5NNEdAv7MWg=")
        #expect(WebhookMessage.dingTalkSignature(secret: "SECabc", timestamp: "1700000000123") == "IqXBU/aLfwMA3S/tDcfRmHx5vWHw9Y1aOgFLBr1Ti9w=")
    }

    static let report = FailureReport(
        repository: "openimsdk/openkf", workflow: "openkf-server image", refName: "main", sha: "860c1904a1b2c3d4e5f60718293a4b5c6d7e8f90",
        runURL: "https://github.com/openimsdk/openkf/actions/runs/42", phase: "push",
        registries: ["registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server"], errors: ["Publishing x failed: 403", "line \"two\""])

    static func json(_ data: Data) throws -> JSONValue { try JSONValue(parsing: data) }

    @Test func slackAndFeishuAndDingTalkBodies() throws {
        let slack = try #require(try WebhookTarget(url: "https://hooks.slack.com/services/T/B/X", format: "", secret: ""))
        let message = WebhookMessage(report: Self.report, target: slack, timestampMilliseconds: 1_700_000_000_123)
        #expect(message.url == "https://hooks.slack.com/services/T/B/X")
        let text = try #require(try Self.json(message.body)["text"]?.stringValue)
        #expect(text.hasPrefix("openkf-build failed in push for registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server"))
        #expect(text.contains("commit 860c190") && text.contains("line \"two\"") && text.hasSuffix("/actions/runs/42"))

        let lark = try #require(try WebhookTarget(url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc", format: "Lark", secret: "SECabc"))
        let feishu = try Self.json(WebhookMessage(report: Self.report, target: lark, timestampMilliseconds: 1_700_000_000_123).body)
        #expect(feishu["msg_type"]?.stringValue == "text")
        #expect(feishu["timestamp"]?.stringValue == "1700000000")
        #expect(feishu["sign"]?.stringValue == "XprR1de+0SSBnwWyU/4k6x2TL+Q2SJlM5NNEdAv7MWg=")
        #expect(feishu["content"]?["text"]?.stringValue == text)

        let ding = try #require(try WebhookTarget(url: "https://oapi.dingtalk.com/robot/send?access_token=t", format: "dingtalk", secret: "SECabc"))
        let dingMessage = WebhookMessage(report: Self.report, target: ding, timestampMilliseconds: 1_700_000_000_123)
        #expect(dingMessage.url == "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000123&sign=IqXBU%2FaLfwMA3S%2FtDcfRmHx5vWHw9Y1aOgFLBr1Ti9w%3D")
        #expect(try Self.json(dingMessage.body)["text"]?["content"]?.stringValue == text)
    }

    static let plainHTTP = "Input `notify-webhook`: \"***\" is http:// to a host that is not loopback. Use the chat's https:// incoming-webhook URL; plain http is accepted only for localhost, 127.0.0.0/8 and [::1]."
    static let userInfo = "Input `notify-webhook`: \"***\" has a user name or password before the host (user@host). Remove the user:password@ part: an incoming-webhook URL carries its secret in its path or query."
    static let notHTTPS = "Input `notify-webhook`: \"***\" is not an https:// URL. Store the chat's incoming-webhook URL (https://...) in a secret and pass it here."

    /// The host is parsed, not matched as a prefix: `localhost.` and `localhost@` lead elsewhere.
    @Test(arguments: [
        ("http://hooks.example.com/x", plainHTTP),
        ("http://localhost.evil.invalid/hooks/x", plainHTTP),
        ("http://127.0.0.1.evil.invalid/hooks/x", plainHTTP),
        ("http://localhost@evil.invalid/hooks/x", userInfo),
        ("http://127.0.0.1:80@evil.invalid/hooks/x", userInfo),
        ("https://user:hunter2@hooks.example.com/x", userInfo),
        ("https://@hooks.example.com/x", userInfo),
        ("ftp://hooks.example.com/x", notHTTPS),
        ("https:///x", notHTTPS),
        ("hooks.example.com/x", notHTTPS),
    ])
    func webhookURLsAreParsed(_ url: String, _ message: String) {
        do {
            _ = try WebhookTarget(url: url, format: "slack", secret: "")
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("example") && !error.description.contains("evil") && !error.description.contains("hunter2"))
        }
    }

    @Test(arguments: ["https://hooks.slack.com/services/T/B/X", "HTTPS://open.feishu.cn/open-apis/bot/v2/hook/abc", "http://localhost:8080/hooks/x",
                      "http://127.0.0.1:1/hooks/x", "http://127.10.0.1/x", "http://[::1]:9000/x?access_token=t", "http://LOCALHOST/x"])
    func loopbackHTTPAndHTTPSAreAccepted(_ url: String) throws {
        let target = try #require(try WebhookTarget(url: url, format: "", secret: ""))
        #expect(target.url == url)
    }

    @Test(arguments: [
        ("http://hooks.example.com/x", "", plainHTTP),
        ("https://hooks.example.com/x y", "", "Input `notify-webhook`: \"***\" contains spaces or line breaks. Store the URL on one line."),
        ("https://hooks.example.com/x", "teams", "Input `notify-webhook-format`: \"teams\" is not a known format. Use slack (default), feishu (or lark) or dingtalk."),
    ])
    func badWebhookInputs(_ url: String, _ format: String, _ message: String) {
        do {
            _ = try WebhookTarget(url: url, format: format, secret: "")
            Issue.record("accepted \(url) \(format)")
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("hooks.example.com"))
        }
    }

    @Test func issueTextsNameTheRunAndTheExcerpt() {
        #expect(FailureReport.issueTitle(workflow: "ci", refName: "main") == "openkf-build: ci is failing on main")
        let markdown = Self.report.markdown
        #expect(markdown.contains("- Run: https://github.com/openimsdk/openkf/actions/runs/42"))
        #expect(markdown.contains("```\nPublishing x failed: 403\nline \"two\"\n```"))
        #expect(RunnerEnvironment(environment: ["GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "7"], workingDirectory: "/").runURL == "https://github.com/o/r/actions/runs/7")
        #expect(RunnerEnvironment(environment: ["GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "7", "GITHUB_SERVER_URL": "https://ghe.example"], workingDirectory: "/").runURL == "https://ghe.example/o/r/actions/runs/7")
        #expect(RunnerEnvironment(environment: ["GITHUB_REPOSITORY": "o/r"], workingDirectory: "/").runURL == nil)
        let long = FailureReport(repository: "o/r", workflow: "w", refName: "m", sha: "s", runURL: "u", phase: "build", registries: [],
                                 errors: [String(repeating: "x", count: 1000), (1...30).map(String.init).joined(separator: "\n")])
        #expect(long.excerpt().split(separator: "\n").count == 12)
        #expect(long.excerpt().hasSuffix("30"))
    }
}
