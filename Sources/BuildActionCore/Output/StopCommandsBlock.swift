/// Lines of outside text between `::stop-commands::TOKEN` and `::TOKEN::`: the runner processes
/// no workflow command in between except the one named TOKEN, which resumes processing. The
/// token is fresh and unpredictable for every block (the caller draws it) and never printed
/// inside it.
/// - <https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands>
/// - <https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs>
public struct StopCommandsBlock: Sendable, Equatable {
    /// The token that ends the block.
    public let token: String

    /// The commands the runner registers (names compared case-insensitively): a token equal to
    /// one of them, empty or `pause-logging` fails the step.
    static let runnerCommands: Set<String> = [
        "stop-commands", "set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher",
        "debug", "warning", "error", "notice", "group", "endgroup", "echo", "internal-set-repo-path", "pause-logging",
    ]

    /// A block ended by `token`: at least 16 ASCII letters, digits, `-` or `_` (the runner masks
    /// tokens longer than 6 characters), and no command name. Nil otherwise.
    public init?(token: String) {
        guard token.count >= 16, token.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }),
              !Self.runnerCommands.contains(token.lowercased())
        else { return nil }
        self.token = token
    }

    /// The line that opens the block.
    public var opening: String { "::stop-commands::" + token }

    /// The line that closes it (the runner compares the token case-insensitively).
    public var closing: String { "::" + token + "::" }

    /// What to print inside the block for `text`: the runner's lines of it, each defused, and
    /// with the token (in any ASCII case) replaced by `***`.
    public func lines(of text: String) -> [String] {
        RunnerLines.split(text).map { RunnerLines.defused($0).replacingEvery(token, with: "***", ignoringASCIICase: true) }
    }

    /// The whole block for `texts`: opening, their lines, closing.
    public func wrapping(_ texts: [String]) -> [String] {
        [opening] + texts.flatMap(lines(of:)) + [closing]
    }
}
