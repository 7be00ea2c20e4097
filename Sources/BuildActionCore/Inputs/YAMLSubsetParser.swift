/// A parser for the YAML subset accepted by `registry-auth`.
///
/// Grammar: an optional `---` line, then a block sequence at one column whose items are
/// flat mappings: `- key: value`, further keys indented to the column of the first key
/// (or `-` alone with the keys on the following lines). Values are single-line scalars:
/// plain, 'single-quoted' (`''` escapes a quote) or "double-quoted" (see
/// `YAMLScalarScanner`). Plain scalars are strings as written (no number/bool/null typing).
/// Full-line comments and ` #` comments outside quotes, and blank lines, are ignored.
/// Everything else is rejected with a `YAMLSubsetError`.
struct YAMLSubsetParser {
    private var document = YAMLSubsetDocument()
    private var sequenceIndent: Int?
    private var keyIndent: Int?
    private var sawDocumentStart = false
    private var sawContent = false
    private var lastValueWasEmpty = false

    /// Parses `text` into entries.
    static func parse(_ text: String) throws(YAMLSubsetError) -> YAMLSubsetDocument {
        var body = text
        if body.unicodeScalars.first == "\u{FEFF}" { body = String(body.unicodeScalars.dropFirst()) }
        var parser = YAMLSubsetParser()
        for (index, line) in InputText.lines(body).enumerated() {
            try parser.consume(Array(line.unicodeScalars), number: index + 1)
        }
        try parser.finish()
        return parser.document
    }

    private mutating func consume(_ s: [Unicode.Scalar], number: Int) throws(YAMLSubsetError) {
        if s.contains(where: { !YAMLSubsetParser.isPrintable($0) }) {
            throw YAMLSubsetError(line: number, problem: "a control character",
                                  fix: "Remove it, or write it as a \\uXXXX escape inside double quotes.")
        }
        let indent = s.firstIndex(where: { $0 != " " && $0 != "\t" }) ?? s.count
        guard indent < s.count, s[indent] != "#" else { return }
        if s[..<indent].contains("\t") {
            throw YAMLSubsetError(line: number, problem: "a tab in the indentation", fix: "Indent with spaces only.")
        }
        if indent == 0 {
            try checkColumnZeroMarkers(s, number: number)
            if YAMLSubsetParser.hasMarker(s, "---") { return }
        }
        sawContent = true
        if YAMLSubsetParser.isItemStart(s, at: indent) {
            try item(s, indent: indent, number: number)
        } else {
            try continuation(s, indent: indent, number: number)
        }
    }

    private mutating func checkColumnZeroMarkers(_ s: [Unicode.Scalar], number: Int) throws(YAMLSubsetError) {
        if YAMLSubsetParser.hasMarker(s, "---") {
            if sawContent || sawDocumentStart {
                throw YAMLSubsetError(line: number, problem: "a second document (`---`)",
                                      fix: "Put all entries in one list, after at most one `---` line.")
            }
            let rest = s.dropFirst(3).drop { $0 == " " || $0 == "\t" }
            if let first = rest.first, first != "#" {
                throw YAMLSubsetError(line: number, problem: "content after `---`",
                                      fix: "Start the list on the line after `---`.")
            }
            sawDocumentStart = true
        } else if YAMLSubsetParser.hasMarker(s, "...") {
            throw YAMLSubsetError(line: number, problem: "a document end marker (`...`)", fix: "Remove the `...` line.")
        } else if s.first == "%" {
            throw YAMLSubsetError(line: number, problem: "a directive (`%`)", fix: "Remove the directive line.")
        }
    }

    private mutating func item(_ s: [Unicode.Scalar], indent: Int, number: Int) throws(YAMLSubsetError) {
        if let column = sequenceIndent, indent != column {
            if indent > column, !document.entries.isEmpty {
                throw YAMLSubsetParser.listValueError(number)
            }
            throw YAMLSubsetError(line: number, problem: "a list item at the wrong indentation",
                                  fix: "Start every entry's `-` in the same column.")
        }
        sequenceIndent = indent
        document.entries.append(YAMLSubsetDocument.Entry(line: number, pairs: []))
        keyIndent = nil
        lastValueWasEmpty = false
        var j = indent + 1
        while j < s.count, s[j] == " " { j += 1 }
        if j < s.count, s[j] == "\t" {
            throw YAMLSubsetError(line: number, problem: "a tab in the indentation", fix: "Indent with spaces only.")
        }
        guard j < s.count, s[j] != "#" else { return }
        if YAMLSubsetParser.isItemStart(s, at: j) { throw YAMLSubsetParser.listValueError(number) }
        keyIndent = j
        try pair(s, from: j, number: number)
    }

    private mutating func continuation(_ s: [Unicode.Scalar], indent: Int, number: Int) throws(YAMLSubsetError) {
        guard let column = sequenceIndent else {
            let mapping = YAMLScalarScanner(line: s, number: number).looksLikeKey(at: indent)
            throw YAMLSubsetError(line: number, problem: mapping ? "a mapping at the top level" : "text outside any list entry",
                                  fix: "Start each entry with `- `, like `- registry: ghcr.io`, and indent its other keys under the first.")
        }
        if indent <= column {
            throw YAMLSubsetError(line: number, problem: "a key outside any entry",
                                  fix: "Indent it under its entry's `-`, in the same column as the entry's first key.")
        }
        let expected = keyIndent ?? indent
        keyIndent = expected
        if indent == expected {
            try pair(s, from: indent, number: number)
        } else if indent > expected {
            throw nestedError(s, indent: indent, number: number)
        } else {
            throw YAMLSubsetError(line: number, problem: "a key at the wrong indentation",
                                  fix: "Indent the keys of an entry to the column of its first key.")
        }
    }

    private func nestedError(_ s: [Unicode.Scalar], indent: Int, number: Int) -> YAMLSubsetError {
        if lastValueWasEmpty, YAMLScalarScanner(line: s, number: number).looksLikeKey(at: indent) {
            return YAMLSubsetError(line: number, problem: "a mapping where a string is expected",
                                   fix: "Write the value as a single string on the key's line.")
        }
        return YAMLSubsetError(line: number, problem: "a continuation line",
                               fix: "Write each value on one line; quote it if it contains special characters.")
    }

    private mutating func pair(_ s: [Unicode.Scalar], from start: Int, number: Int) throws(YAMLSubsetError) {
        let scanner = YAMLScalarScanner(line: s, number: number)
        let (key, afterColon) = try scanner.key(at: start)
        let value = try scanner.value(after: afterColon)
        lastValueWasEmpty = value == nil
        let last = document.entries.count - 1
        if document.entries[last].pairs.contains(where: { $0.key == key }) {
            throw YAMLSubsetError(line: number, problem: "a duplicate key", fix: "Give each key once per entry.")
        }
        document.entries[last].pairs.append(YAMLSubsetDocument.Pair(key: key, value: value ?? "", line: number))
    }

    private func finish() throws(YAMLSubsetError) {
        if let empty = document.entries.first(where: { $0.pairs.isEmpty }) {
            throw YAMLSubsetError(line: empty.line, problem: "an empty entry",
                                  fix: "Add `registry:`, `username:` and `password:` under the `-`.")
        }
    }

    private static func listValueError(_ number: Int) -> YAMLSubsetError {
        YAMLSubsetError(line: number, problem: "a list where a string is expected",
                        fix: "Write the value as a single string; quote it if it starts with `- `.")
    }

    /// Whether `s` starts with the three-character `marker` followed by whitespace or the end.
    private static func hasMarker(_ s: [Unicode.Scalar], _ marker: String) -> Bool {
        let m = Array(marker.unicodeScalars)
        guard s.count >= 3, Array(s[0..<3]) == m else { return false }
        return s.count == 3 || s[3] == " " || s[3] == "\t"
    }

    /// Whether a block sequence item (`-` then whitespace or the end) starts at `index`.
    static func isItemStart(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        guard index < s.count, s[index] == "-" else { return false }
        return index + 1 == s.count || s[index + 1] == " " || s[index + 1] == "\t"
    }

    /// YAML 1.2 `c-printable` (line breaks are removed before this check).
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
