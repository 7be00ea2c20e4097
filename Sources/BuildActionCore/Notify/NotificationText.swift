/// Escaping of text the action does not control (error output, workflow and branch names) for
/// each place a failure report goes: GitHub Markdown (issues, the step summary), Slack mrkdwn,
/// Feishu/Lark and DingTalk texts. Nothing in such text may close a code fence, mention a
/// person or a team, or reach a chat's mention markup.
public enum NotificationText {
    /// Inserted after a defused `@`: invisible, and no mention syntax continues across it.
    public static let mentionBreak: Unicode.Scalar = "\u{200B}"

    /// `\r\n` and lone `\r` turned into `\n`: CommonMark ends a line at each of them.
    ///
    /// [CommonMark: line ending](https://spec.commonmark.org/0.31.2/#line-ending)
    public static func normalizedLineEndings(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `text` in a fenced code block whose fence is longer than any backtick run inside (at
    /// least three), so that no line of `text` can close it; line endings normalised.
    ///
    /// [CommonMark: fenced code blocks](https://spec.commonmark.org/0.31.2/#fenced-code-blocks)
    public static func fencedCode(_ text: String) -> String {
        let content = normalizedLineEndings(text)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(content) + 1))
        return fence + "\n" + content + "\n" + fence
    }

    /// Plain text for Markdown outside code (a headline, a list item): one line, the
    /// characters that start Markdown or HTML backslash-escaped, mentions defused.
    ///
    /// [CommonMark: backslash escapes](https://spec.commonmark.org/0.31.2/#backslash-escapes)
    public static func markdownInline(_ text: String) -> String {
        var out = ""
        for scalar in normalizedLineEndings(text).unicodeScalars {
            switch scalar {
            case "\n": out += " "
            case "\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "#", "!", "|", "~", "&":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return defusedMentions(out)
    }

    /// `@` mentions made inert: an invisible break after every `@` that begins a word (at the
    /// start, or after anything but an ASCII letter, digit or `_`) and is followed by more than
    /// whitespace. `name@sha256:...` and `user@example.com` stay as they are. GitHub
    /// (`@user`, `@org/team`), Mattermost and Rocket.Chat (`@channel`, `@all`) and DingTalk
    /// (`@phone`) then see no mention.
    public static func defusedMentions(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            out.append(scalar)
            guard scalar == "@", index + 1 < scalars.count, !scalars[index + 1].properties.isWhitespace else { continue }
            if index == 0 || !isASCIIWordCharacter(scalars[index - 1]) { out.append(mentionBreak) }
        }
        return String(out)
    }

    /// Slack mrkdwn: `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;` (so `<!channel>`, `<@U123>`
    /// and `<url|text>` stay text), then mentions defused for the Slack-compatible chats that
    /// notify on a plain `@channel`.
    ///
    /// [Slack: escaping text](https://api.slack.com/reference/surfaces/formatting#escaping)
    public static func slack(_ text: String) -> String {
        defusedMentions(text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))
    }

    /// Feishu/Lark text messages read `<at user_id="all"></at>` (and style tags) in the text:
    /// `<` and `>` become their full-width forms, which no tag starts with, and mentions are
    /// defused.
    ///
    /// [Feishu: message content](https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json)
    public static func feishu(_ text: String) -> String {
        defusedMentions(text.replacingOccurrences(of: "<", with: "\u{FF1C}").replacingOccurrences(of: ">", with: "\u{FF1E}"))
    }

    /// DingTalk text messages mention only the phone numbers and user ids listed in `at` (sent
    /// empty, with `isAtAll: false`); the `@` in the text are defused as well.
    ///
    /// [DingTalk: custom robot message types](https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages)
    public static func dingTalk(_ text: String) -> String {
        defusedMentions(text)
    }

    /// The length of the longest run of backticks in `text`.
    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, current = 0
        for scalar in text.unicodeScalars {
            current = scalar == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    private static func isASCIIWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
