/// Splits `KEY=VALUE` inputs into lines: one assignment per line, commas kept,
/// blank lines and lines starting with `#` (after trimming) skipped.
enum AssignmentLines {
    /// One non-blank, non-comment line.
    struct Line {
        /// 1-based line number in the input.
        let number: Int
        /// The trimmed line.
        let text: String
        /// What the line holds.
        let content: Content
    }

    /// The outcome of reading one line.
    enum Content {
        /// A well-formed assignment.
        case assignment(key: String, value: String)
        /// No `=` at all.
        case missingEquals
        /// Nothing before `=`.
        case emptyKey
        /// Whitespace between the key and `=`.
        case spaceBeforeEquals
        /// A key outside `[A-Za-z_][A-Za-z0-9_.-]*`.
        case invalidKey
    }

    /// Reads every meaningful line of `text`.
    static func read(_ text: String) -> [Line] {
        var result: [Line] = []
        for (index, raw) in InputText.lines(text).enumerated() {
            let line = InputText.trimmed(raw)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            result.append(Line(number: index + 1, text: line, content: classify(line)))
        }
        return result
    }

    /// Whether `key` matches `[A-Za-z_][A-Za-z0-9_.-]*`.
    static func isValidKey(_ key: Substring) -> Bool {
        guard let first = key.unicodeScalars.first else { return false }
        guard first == "_" || (InputText.isAlnum(first) && !("0"..."9").contains(first)) else { return false }
        return key.unicodeScalars.allSatisfy { InputText.isAlnum($0) || "_.-".unicodeScalars.contains($0) }
    }

    private static func classify(_ line: String) -> Content {
        guard let equals = line.firstIndex(of: "=") else { return .missingEquals }
        let key = line[..<equals]
        if key.isEmpty { return .emptyKey }
        if let last = key.unicodeScalars.last, InputText.isJSWhitespace(last) { return .spaceBeforeEquals }
        guard isValidKey(key) else { return .invalidKey }
        return .assignment(key: String(key), value: String(line[line.index(after: equals)...]))
    }
}
