/// Text from outside the action (a build's output, git, a registry, the GitHub API) as GitHub's
/// runner reads a step's stdout, and made inert for its workflow-command parser.
///
/// The runner reads lines with .NET's `StreamReader.ReadLine` (a line ends at `\r\n`, `\r` or
/// `\n`) and hands a line holding `##[` or `::` to `ActionCommandManager.TryProcessCommand`,
/// which parses `::name props::data` at the start of the line (after leading whitespace) and the
/// old `##[name props]data` anywhere in it. Its searches are culture-sensitive (ICU), which skips
/// ignorable code points such as zero-width characters: a zero-width character inserted into
/// `##[` may not break it up, so text is defused with visible characters only.
/// - <https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs>
/// - <https://github.com/actions/runner/blob/main/src/Runner.Worker/Handlers/OutputManager.cs>
public enum RunnerLines {
    /// The lines the runner reads from `text`: split at `\r\n`, `\r` and `\n`. A break at the
    /// very end starts no further line; empty text is one empty line.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        var ended = false
        while let scalar = next {
            next = scalars.next()
            ended = scalar == "\r" || scalar == "\n"
            guard ended else {
                current.append(scalar)
                continue
            }
            if scalar == "\r" && next == "\n" { next = scalars.next() }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        if !ended || lines.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// The old command prefix, which the runner finds anywhere in a line.
    static let oldCommandPrefix = "##["

    /// `line` (one line, no breaks) with every `##[` turned into `##[\`, so that no command name
    /// can follow the prefix (`\name` is never a command); the runner escapes its own
    /// `##[start-action` markers in user output the same way.
    public static func defused(_ line: String) -> String {
        line.replacingEvery(oldCommandPrefix, with: oldCommandPrefix + "\\")
    }

    /// True when the runner cannot see a command in `line` whatever precedes it: printable
    /// ASCII only (no line breaks, nothing ICU ignores), without `::` or `##[`.
    public static func isInert(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && !line.contains("::") && !line.contains(oldCommandPrefix)
    }
}

extension String {
    /// Every occurrence of `target` (matched code point by code point) replaced by `replacement`.
    func replacingEvery(_ target: String, with replacement: String, ignoringASCIICase: Bool = false) -> String {
        let needle = Array(target.unicodeScalars)
        let haystack = Array(unicodeScalars)
        guard !needle.isEmpty, haystack.count >= needle.count else { return self }
        func same(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
            guard ignoringASCIICase, a.isASCII, b.isASCII else { return a == b }
            return Character(a).lowercased() == Character(b).lowercased()
        }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < haystack.count {
            if index + needle.count <= haystack.count, needle.indices.allSatisfy({ same(haystack[index + $0], needle[$0]) }) {
                result.append(contentsOf: replacement.unicodeScalars)
                index += needle.count
            } else {
                result.append(haystack[index])
                index += 1
            }
        }
        return String(result)
    }
}
