/// What a failed run tells the team: what failed, where, an excerpt of the output, the run.
public struct FailureReport: Sendable, Equatable {
    /// `owner/name`.
    public let repository: String
    /// The workflow's name.
    public let workflow: String
    /// The branch or tag (`main`, `v1.2.3`).
    public let refName: String
    /// The commit.
    public let sha: String
    /// `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID`.
    public let runURL: String
    /// The phase that failed (`build`, `push`, `login`, ...).
    public let phase: String
    /// The registries (image names) that failed, if the failure is theirs.
    public let registries: [String]
    /// The error messages, in order.
    public let errors: [String]

    /// A report; see the properties.
    public init(repository: String, workflow: String, refName: String, sha: String, runURL: String, phase: String, registries: [String], errors: [String]) {
        self.repository = repository
        self.workflow = workflow
        self.refName = refName
        self.sha = sha
        self.runURL = runURL
        self.phase = phase
        self.registries = registries
        self.errors = errors
    }

    /// One-line headline.
    public var headline: String {
        "openkf-build failed in \(phase)" + (registries.isEmpty ? "" : " for \(registries.joined(separator: ", "))")
            + " — \(repository) \(workflow) on \(refName)"
    }

    /// The last `lines` lines of the errors, each cut to 300 characters (`\r\n` and a lone
    /// `\r` end lines too).
    public func excerpt(lines: Int = 12) -> String {
        var all: [String] = []
        for error in errors {
            all += NotificationText.normalizedLineEndings(error).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let cut: [String] = all.suffix(lines).map { line in line.count > 300 ? String(line.prefix(300)) + "…" : line }
        return cut.joined(separator: "\n")
    }

    /// Plain text for chats, unescaped (`WebhookMessage` escapes it for each chat).
    public var text: String {
        "\(headline)\ncommit \(sha.prefix(7))\n\(excerpt())\n\(runURL)"
    }

    /// The title of the issue that tracks failures of this workflow on this branch (one line,
    /// mentions defused: workflow and branch names are not ours).
    public static func issueTitle(workflow: String, refName: String) -> String {
        let line = NotificationText.normalizedLineEndings("openkf-build: \(workflow) is failing on \(refName)").replacingOccurrences(of: "\n", with: " ")
        return NotificationText.defusedMentions(line)
    }

    /// Markdown for an issue or a comment: the text outside code escaped with mentions defused,
    /// the excerpt in a fence nothing inside it can close.
    public var markdown: String {
        // The run URL and the commit come from the runner; image names cannot hold a backtick.
        var lines = ["**\(NotificationText.markdownInline(headline))**", "", "- Run: \(runURL)", "- Commit: `\(sha)`", "- Phase: \(phase)"]
        if !registries.isEmpty { lines.append("- Registries: " + registries.map { "`\($0)`" }.joined(separator: ", ")) }
        lines += ["", NotificationText.fencedCode(excerpt())]
        return lines.joined(separator: "\n")
    }
}
