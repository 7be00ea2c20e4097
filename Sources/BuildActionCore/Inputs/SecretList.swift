/// The `secrets` input: `id=VALUE` lines for BuildKit secret mounts.
///
/// Lines follow `KeyValueList`'s rules (one per line, first `=` splits, trimmed, blank and
/// `#` lines skipped, last duplicate wins in the first's position). Values are secrets:
/// errors never quote the line (`value` is `***`) and name only the line number.
/// Multi-line secret values are not supported.
public struct SecretList: Sendable, Equatable {
    /// One secret.
    public struct Entry: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
        /// The secret id, matching `[A-Za-z_][A-Za-z0-9_.-]*`.
        public let id: String
        /// The secret value (may be empty, as in pull requests from forks).
        public let value: String
        /// The 1-based input line the value came from.
        public let line: Int

        /// `id=***`: never the value.
        public var description: String { "\(id)=\(InputError.maskedValue)" }

        /// A mirror that hides the value from `dump` and debuggers.
        public var customMirror: Mirror {
            Mirror(self, children: ["id": id, "value": InputError.maskedValue, "line": line])
        }
    }

    /// The secrets in first-occurrence order, one per id.
    public let entries: [Entry]

    /// Parses `text`; malformed lines are errors that never include secret text.
    /// - Parameter input: the input name used in errors (default `secrets`).
    public init(parsing text: String, input: String = "secrets") throws(InputError) {
        var result: [Entry] = []
        var positions: [String: Int] = [:]
        for line in AssignmentLines.read(text) {
            guard case let .assignment(id, value) = line.content else {
                throw SecretList.error(for: line, input: input)
            }
            let entry = Entry(id: id, value: value, line: line.number)
            if let position = positions[id] {
                result[position] = entry
            } else {
                positions[id] = result.count
                result.append(entry)
            }
        }
        entries = result
    }

    /// The value of the secret `id`, or nil.
    public subscript(id: String) -> String? {
        entries.first { $0.id == id }?.value
    }

    private static func error(for line: AssignmentLines.Line, input: String) -> InputError {
        let (reason, fix): (String, String)
        switch line.content {
        case .missingEquals:
            (reason, fix) = ("has no `=`", "Write one id=VALUE pair per line, like npm_token=VALUE.")
        case .emptyKey:
            (reason, fix) = ("has an empty id", "Write the id before `=`, like npm_token=VALUE.")
        case .spaceBeforeEquals:
            (reason, fix) = ("has a space before `=`", "Write id=VALUE without spaces before `=`.")
        case .invalidKey, .assignment:
            (reason, fix) = ("has an invalid id",
                             "Ids start with a letter or `_` and contain only letters, digits, `_`, `.` and `-`.")
        }
        return InputError.secret(input: input, reason: "\(reason) on line \(line.number)", fix: fix)
    }
}
