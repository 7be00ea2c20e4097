/// `KEY=VALUE` inputs such as `build-args` and `labels`.
///
/// Format (deliberately simpler than build-push-action's CSV-aware `getInputList`):
/// one entry per line, split at the first `=`; commas are part of the value; each line
/// is trimmed; blank lines and lines starting with `#` are skipped. Keys match
/// `[A-Za-z_][A-Za-z0-9_.-]*`. A repeated key keeps the position of its first
/// occurrence and the value (and line number) of its last.
public struct KeyValueList: Sendable, Equatable {
    /// One assignment.
    public struct Entry: Sendable, Equatable {
        /// The key.
        public let key: String
        /// The value: everything after the first `=`, possibly empty.
        public let value: String
        /// The 1-based input line the value came from.
        public let line: Int
    }

    /// The entries in first-occurrence order, one per key.
    public let entries: [Entry]

    /// Parses `text`; any malformed line is an error quoting that line.
    /// - Parameter input: the input name used in errors, like `build-args`.
    public init(parsing text: String, input: String) throws(InputError) {
        var result: [Entry] = []
        var positions: [String: Int] = [:]
        for line in AssignmentLines.read(text) {
            guard case let .assignment(key, value) = line.content else {
                throw KeyValueList.error(for: line, input: input)
            }
            let entry = Entry(key: key, value: value, line: line.number)
            if let position = positions[key] {
                result[position] = entry
            } else {
                positions[key] = result.count
                result.append(entry)
            }
        }
        entries = result
    }

    /// The value for `key`, or nil.
    public subscript(key: String) -> String? {
        entries.first { $0.key == key }?.value
    }

    /// The entries as `KEY=VALUE` strings, in order.
    public var assignments: [String] { entries.map { "\($0.key)=\($0.value)" } }

    private static func error(for line: AssignmentLines.Line, input: String) -> InputError {
        let (reason, fix): (String, String)
        switch line.content {
        case .missingEquals:
            (reason, fix) = ("has no `=`", "Write one KEY=VALUE pair per line.")
        case .emptyKey:
            (reason, fix) = ("has an empty key", "Write the key before `=`, like NODE_VERSION=20.")
        case .spaceBeforeEquals:
            (reason, fix) = ("has a space before `=`", "Write KEY=VALUE without spaces around `=`.")
        case .invalidKey, .assignment:
            (reason, fix) = ("has an invalid key",
                             "Keys start with a letter or `_` and contain only letters, digits, `_`, `.` and `-`.")
        }
        return InputError(input: input, value: line.text, reason: "\(reason) on line \(line.number)", fix: fix)
    }
}
