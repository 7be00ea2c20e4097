import Foundation

/// A step's stdout read the way GitHub's runner reads it, and what its workflow commands did.
///
/// Follows actions/runner (src/Runner.Sdk/ProcessInvoker.cs, src/Runner.Worker/Handlers/OutputManager.cs,
/// src/Runner.Worker/ActionCommandManager.cs, src/Runner.Common/ActionCommand.cs):
/// - lines come from .NET's `StreamReader.ReadLine`: a line ends at `\r\n`, `\r` or `\n`;
/// - a non-empty line containing `##[` or `::` goes to `TryProcessCommand`, which tries
///   `TryParseV2` (`::name k=v,k=v::data` at the start after `TrimStart()`) and then `TryParse`
///   (`##[name k=v;k=v]data` anywhere); the name must be a registered command (case-insensitive);
/// - after `::stop-commands::TOKEN` nothing is processed until a command named TOKEN
///   (`::TOKEN::` or `##[TOKEN]`, case-insensitive); an empty, registered or `pause-logging`
///   token fails the step.
///
/// The runner searches with .NET's culture-sensitive `IndexOf`/`StartsWith` (ICU), which skip
/// ignorable code points (controls, zero-width characters). This log removes those before
/// parsing, so it finds at least every command the runner finds (and a few more): a stricter
/// reader for tests that assert that nothing was injected.
struct RunnerCommandLog {
    struct Annotation: Equatable, CustomStringConvertible {
        let kind: String
        let message: String
        var description: String { "\(kind): \(message)" }
    }

    /// Values given to `add-mask` (and each of their lines, as the runner adds them).
    private(set) var masks: [String] = []
    /// `set-output` values by name.
    private(set) var outputs: [String: String] = [:]
    /// `save-state` values by name.
    private(set) var state: [String: String] = [:]
    /// `error`, `warning` and `notice` annotations.
    private(set) var annotations: [Annotation] = []
    /// Titles of the groups opened, in order.
    private(set) var groups: [String] = []
    /// How many `endgroup` commands were processed.
    private(set) var endedGroups = 0
    /// Other processed commands (`set-env`, `add-path`, `add-matcher`, `echo`, `debug`...), as `name: data`.
    private(set) var others: [String] = []
    /// Tokens `stop-commands` was called with.
    private(set) var stopTokens: [String] = []
    /// The token commands wait for, while they are stopped.
    private(set) var waitingFor: String?
    /// Reasons the runner would fail the step (invalid stop tokens).
    private(set) var failures: [String] = []

    private var registered: Set<String> = [
        "stop-commands", "set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher",
        "debug", "warning", "error", "notice", "group", "endgroup", "echo",
    ]

    /// Reads `stdout` line by line.
    init(parsing stdout: String) {
        for line in Self.readLines(stdout) { process(line) }
    }

    /// `StreamReader.ReadLine` applied until the end: `\r\n`, `\r` and `\n` end a line.
    static func readLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\r":
                if pending == "\n" { pending = scalars.next() }
                fallthrough
            case "\n":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// Code points ICU's root collation ignores (an approximation: controls other than the
    /// whitespace ones, and Unicode's default-ignorable code points).
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isDefaultIgnorableCodePoint { return true }
        return scalar.properties.generalCategory == .control && !("\u{09}"..."\u{0D}").contains(scalar) && scalar != "\u{85}"
    }

    /// One line through `OutputManager.OnDataReceived`.
    private mutating func process(_ rawLine: String) {
        let line = Self.string(rawLine.unicodeScalars.filter { !Self.isIgnorable($0) })
        let scalars = Array(line.unicodeScalars)
        guard !scalars.isEmpty, Self.find("##[", in: scalars, from: 0) != nil || Self.find("::", in: scalars, from: 0) != nil else { return }
        guard let command = Self.parseV2(line, registered: registered) ?? Self.parseV1(line, registered: registered) else { return }
        let name = command.name.lowercased()
        if let token = waitingFor {
            if name == token.lowercased() {
                registered.remove(token.lowercased())
                waitingFor = nil
            }
            return
        }
        switch name {
        case "stop-commands":
            let token = command.data
            if token.isEmpty || registered.contains(token.lowercased()) || token.lowercased() == "pause-logging" {
                failures.append("invalid stop-commands token '\(token)'")
                return
            }
            stopTokens.append(token)
            waitingFor = token
            registered.insert(token.lowercased())
        case "add-mask":
            guard !command.data.allSatisfy(\.isWhitespace) else { return }
            masks.append(command.data)
            masks += command.data.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case "set-output":
            if let output = command.properties["name"], !output.isEmpty { outputs[output] = command.data }
        case "save-state":
            if let key = command.properties["name"], !key.isEmpty { state[key] = command.data }
        case "error", "warning", "notice":
            annotations.append(Annotation(kind: name, message: command.data))
        case "group":
            groups.append(command.data)
        case "endgroup":
            endedGroups += 1
        default:
            others.append("\(name): \(command.data)")
        }
    }

    struct Command {
        var name: String
        var properties: [String: String] = [:]
        var data = ""
    }

    /// The text as code points: the runner's searches are ordinal, never by grapheme.
    typealias Scalars = [Unicode.Scalar]

    static func find(_ pattern: String, in text: Scalars, from start: Int) -> Int? {
        let needle = Array(pattern.unicodeScalars)
        guard start <= text.count - needle.count else { return nil }
        return (start...(text.count - needle.count)).first { Array(text[$0..<($0 + needle.count)]) == needle }
    }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    /// `ActionCommand.TryParseV2`.
    static func parseV2(_ message: String, registered: Set<String>) -> Command? {
        let text = Array(message.unicodeScalars.drop(while: \.properties.isWhitespace))
        guard find("::", in: text, from: 0) == 0, let end = find("::", in: text, from: 2) else { return nil }
        let info = Array(text[2..<end])
        let space = info.firstIndex(of: " ")
        let name = string(info[..<(space ?? info.count)])
        guard registered.contains(name.lowercased()) else { return nil }
        var command = Command(name: name)
        if let space, space > 0 {
            let mapping = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
            for property in string(info[(space + 1)...]).trimmingCharacters(in: .whitespaces).split(separator: ",") {
                let pair = property.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { command.properties[pair[0].lowercased()] = unescape(String(pair[1]), mapping) }
            }
        }
        command.data = unescape(string(text[(end + 2)...]), [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")])
        return command
    }

    /// `ActionCommand.TryParse`: the old `##[name k=v;k=v]data` form, anywhere in the line.
    static func parseV1(_ message: String, registered: Set<String>) -> Command? {
        let text = Array(message.unicodeScalars)
        guard let prefix = find("##[", in: text, from: 0), let bracket = find("]", in: text, from: prefix) else { return nil }
        let info = Array(text[(prefix + 3)..<bracket])
        let space = info.firstIndex(of: " ")
        let name = string(info[..<(space ?? info.count)])
        guard registered.contains(name.lowercased()) else { return nil }
        var command = Command(name: name)
        let mapping = [("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%25", "%")]
        if let space, space > 0 {
            for property in string(info[(space + 1)...]).split(separator: ";") {
                let pair = property.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { command.properties[pair[0].lowercased()] = unescape(String(pair[1]), mapping) }
            }
        }
        command.data = unescape(string(text[(bracket + 1)...]), mapping)
        return command
    }

    private static func unescape(_ text: String, _ mappings: [(String, String)]) -> String {
        mappings.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
