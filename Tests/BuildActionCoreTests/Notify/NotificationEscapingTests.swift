import Foundation
import JavaScriptCompat
import Testing

@testable import BuildActionCore

/// Text the action does not control (error output, branch and workflow names) must not close
/// the issue's code fence, mention anyone or reach a chat's markup: each renderer gets its own
/// escaping.
@Suite("Notifications: hostile text cannot mention, link or break out of the code")
struct NotificationEscapingTests {
    /// Error output that tries everything: a lone CR before a fence, backtick runs, mentions,
    /// a link, Slack's and Feishu's at-all markup, a DingTalk phone mention.
    static let hostile = FailureReport(
        repository: "openimsdk/openkf", workflow: "ci @org/reviewers", refName: "fix/@octocat", sha: "860c1904a1b2c3d4e5f60718293a4b5c6d7e8f90",
        runURL: "https://github.com/openimsdk/openkf/actions/runs/42", phase: "build", registries: [],
        errors: [
            "RUN make failed\r```\r@org/team look [here](https://evil.example) ping @octocat\r\n",
            "`````` and ``` again <!channel> <!here|here> <@U024BE7LH>",
            "<at user_id=\"all\">all</at> <AT USER_ID=all></AT> @13800000000 @all @所有人 ghcr.io/o/r@sha256:abc",
        ])

    /// GitHub's mention rule: `@` at the start or after a character that is not a word
    /// character, then a letter or digit.
    static func liveMentions(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        for (index, scalar) in scalars.enumerated() where scalar == "@" && index + 1 < scalars.count {
            let before = index == 0 ? nil : scalars[index - 1]
            let isWord: (Unicode.Scalar) -> Bool = { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            guard before.map({ !isWord($0) }) ?? true, isWord(scalars[index + 1]) else { continue }
            found.append(String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + 12)])))
        }
        return found
    }

    /// The markdown's fenced code block: the text before it, its content and the text after it,
    /// read as CommonMark reads them (`\r`, `\r\n` and `\n` end lines; a closing fence is at
    /// least as long as the opening one, indented at most three spaces).
    static func fenced(_ markdown: String) throws -> (before: String, content: String, after: String) {
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let opening = try #require(lines.firstIndex { $0.count >= 3 && $0.allSatisfy { $0 == "`" } })
        let length = lines[opening].count
        let closing = try #require(lines[(opening + 1)...].firstIndex { line in
            let trimmed = line.drop { $0 == " " }
            let run = trimmed.prefix { $0 == "`" }
            return line.count - trimmed.count <= 3 && run.count >= length && trimmed.dropFirst(run.count).allSatisfy { $0 == " " }
        })
        return (lines[..<opening].joined(separator: "\n"), lines[(opening + 1)..<closing].joined(separator: "\n"),
                lines[(closing + 1)...].joined(separator: "\n"))
    }

    @Test func theIssueFenceHoldsTheWholeExcerptAndNothingOutsideMentions() throws {
        let markdown = Self.hostile.markdown
        #expect(!markdown.contains("\r"), "a lone CR ends a line in CommonMark")
        let parts = try Self.fenced(markdown)
        let expected = Self.hostile.excerpt().replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        #expect(parts.content == expected)
        #expect(parts.after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(Self.liveMentions(parts.before) == [], "\(parts.before)")
        #expect(parts.before.contains("ci @"), "the workflow name stays readable")
        #expect(Self.liveMentions(FailureReport.issueTitle(workflow: "ci @org/reviewers", refName: "fix/@octocat")) == [])
    }

    @Test func slackGetsItsControlCharactersEscaped() throws {
        let target = try #require(try WebhookTarget(url: "https://hooks.slack.com/services/T/B/X", format: "slack", secret: ""))
        let body = try JSONValue(parsing: WebhookMessage(report: Self.hostile, target: target, timestampMilliseconds: 0).body)
        let text = try #require(body["text"]?.stringValue)
        #expect(!text.contains("<") && !text.contains(">"), "\(text)")
        #expect(text.contains("&lt;!channel&gt;") && text.contains("&lt;@\u{200B}U024BE7LH&gt;"))
        #expect(text.contains("ghcr.io/o/r@sha256:abc"), "a digest reference is not a mention")
        #expect(Self.liveMentions(text) == [], "Mattermost and Rocket.Chat, which take this format, notify on @channel")
    }

    @Test func feishuGetsNoAtTag() throws {
        let target = try #require(try WebhookTarget(url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc", format: "feishu", secret: ""))
        let body = try JSONValue(parsing: WebhookMessage(report: Self.hostile, target: target, timestampMilliseconds: 0).body)
        let text = try #require(body["content"]?["text"]?.stringValue)
        #expect(!text.lowercased().contains("<at"), "\(text)")
        #expect(!text.contains("<"))
        #expect(Self.liveMentions(text) == [])
    }

    @Test func dingTalkNeverMentionsAnyone() throws {
        let target = try #require(try WebhookTarget(url: "https://oapi.dingtalk.com/robot/send?access_token=t", format: "dingtalk", secret: ""))
        let body = try JSONValue(parsing: WebhookMessage(report: Self.hostile, target: target, timestampMilliseconds: 0).body)
        #expect(body["at"]?["isAtAll"] == .bool(false))
        #expect(body["at"]?["atMobiles"] == .array([]))
        #expect(body["at"]?["atUserIds"] == .array([]))
        let text = try #require(body["text"]?["content"]?.stringValue)
        #expect(Self.liveMentions(text) == [], "\(text)")
    }

    @Test(arguments: [
        ("", "```\n\n```"),
        ("plain", "```\nplain\n```"),
        ("a ``` b", "````\na ``` b\n````"),
        ("x\r``````\r\ny", "```````\nx\n``````\ny\n```````"),
    ])
    func fenceIsLongerThanAnyRunInside(_ text: String, _ expected: String) {
        #expect(NotificationText.fencedCode(text) == expected)
    }

    @Test(arguments: [
        ("@octocat", "@\u{200B}octocat"),
        ("cc @org/team, (@all)", "cc @\u{200B}org/team, (@\u{200B}all)"),
        ("ghcr.io/o/r@sha256:abc user@example.com", "ghcr.io/o/r@sha256:abc user@example.com"),
        ("a @ b @", "a @ b @"),
        ("\u{3000}@13800000000", "\u{3000}@\u{200B}13800000000"),
    ])
    func mentionsAreDefusedAndAddressesKept(_ text: String, _ expected: String) {
        #expect(NotificationText.defusedMentions(text) == expected)
    }

    @Test func inlineMarkdownIsEscapedOnOneLine() {
        #expect(NotificationText.markdownInline("**[x](https://e.example)**\r<img src=x> @me") ==
            "\\*\\*\\[x\\]\\(https://e.example\\)\\*\\* \\<img src=x\\> @\u{200B}me")
        #expect(NotificationText.slack("a & b <!channel>") == "a &amp; b &lt;!channel&gt;")
        #expect(NotificationText.feishu("<at user_id=\"all\"></at>") == "\u{FF1C}at user_id=\"all\"\u{FF1E}\u{FF1C}/at\u{FF1E}")
    }
}
