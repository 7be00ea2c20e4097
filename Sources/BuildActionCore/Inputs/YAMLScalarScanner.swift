/// Scans keys and single-line scalar values on one line of the `registry-auth` YAML subset.
///
/// Double-quoted escapes: `\\` `\"` `\/` `\n` `\t` `\r` `\0` `\xXX` `\uXXXX` (surrogate
/// pairs combined) `\UXXXXXXXX`. Single-quoted: `''` is a quote. Quoted scalars must close
/// on the same line. Errors never include the line's text.
struct YAMLScalarScanner {
    /// The line's Unicode scalars (without the line break).
    let line: [Unicode.Scalar]
    /// 1-based line number, for errors.
    let number: Int

    /// Whether a `key:` (plain or quoted, then `:` and whitespace or the end) starts at `start`.
    func looksLikeKey(at start: Int) -> Bool {
        (try? key(at: start)) != nil
    }

    /// Reads the key at `start`; returns it and the index just after its `:`.
    func key(at start: Int) throws(YAMLSubsetError) -> (String, Int) {
        let first = line[start]
        if first == "'" || first == "\"" {
            let (text, end) = try quoted(at: start)
            var k = end
            while k < line.count, line[k] == " " || line[k] == "\t" { k += 1 }
            guard k < line.count, line[k] == ":", isBreak(k + 1) else {
                throw failure("a quoted key without `: ` after it", "Write `key: value`.")
            }
            return (text, k + 1)
        }
        try checkIndicator(at: start, isKey: true)
        guard let colon = plainKeyEnd(from: start) else {
            throw failure("a line without `key: value`",
                          "Write `key: value`; quote values that contain `: ` or ` #`.")
        }
        let text = String(String.UnicodeScalarView(trimmingTrailingSpace(line[start..<colon])))
        return (text, colon + 1)
    }

    /// Reads the value after a key's `:`; nil when only whitespace or a comment follows.
    func value(after index: Int) throws(YAMLSubsetError) -> String? {
        var k = index
        while k < line.count, line[k] == " " || line[k] == "\t" { k += 1 }
        guard k < line.count, line[k] != "#" else { return nil }
        if line[k] == "'" || line[k] == "\"" {
            let (text, end) = try quoted(at: k)
            try checkAfterQuote(end)
            return text
        }
        try checkIndicator(at: k, isKey: false)
        return try plainValue(from: k)
    }

    private func plainValue(from start: Int) throws(YAMLSubsetError) -> String {
        var i = start
        while i < line.count {
            if line[i] == "#", i > start, line[i - 1] == " " || line[i - 1] == "\t" { break }
            if line[i] == ":", isBreak(i + 1) {
                throw failure("a `: ` inside a plain value", "Quote the value, in single or double quotes.")
            }
            i += 1
        }
        return String(String.UnicodeScalarView(trimmingTrailingSpace(line[start..<i])))
    }

    private func checkAfterQuote(_ end: Int) throws(YAMLSubsetError) {
        var k = end
        while k < line.count, line[k] == " " || line[k] == "\t" { k += 1 }
        guard k < line.count else { return }
        if line[k] == "#", k > end { return }
        throw failure("text after the closing quote",
                      "Quote the whole value, and put a space before a `#` comment.")
    }

    private func plainKeyEnd(from start: Int) -> Int? {
        var i = start
        while i < line.count {
            if line[i] == "#", i > start, line[i - 1] == " " || line[i - 1] == "\t" { return nil }
            if line[i] == ":", isBreak(i + 1) { return i }
            i += 1
        }
        return nil
    }

    private func checkIndicator(at k: Int, isKey: Bool) throws(YAMLSubsetError) {
        let followedByBreak = isBreak(k + 1)
        switch line[k] {
        case "{":
            throw failure("a flow mapping (`{ }`)", "Use block style, one `key: value` per line; quote a value that starts with `{`.")
        case "[":
            throw failure("a flow sequence (`[ ]`)", "Use block style, one `key: value` per line; quote a value that starts with `[`.")
        case "]", "}", ",":
            throw failure("a flow indicator (`,`, `]` or `}`) at the start of a scalar", "Quote the value.")
        case "&":
            throw failure("an anchor (`&`)", "Anchors are not supported: write the value out, and quote it if it starts with `&`.")
        case "*":
            throw failure("an alias (`*`)", "Aliases are not supported: write the value out, and quote it if it starts with `*`.")
        case "!":
            throw failure("a tag (`!`)", "Tags are not supported: quote the value if it starts with `!`.")
        case "|", ">":
            throw failure("a block scalar (`|` or `>`)", "Write the value on one line, in double quotes if it needs escapes like \\n.")
        case "%", "@", "`":
            throw failure("a reserved indicator (`%`, `@` or `` ` ``) at the start of a scalar", "Quote the value.")
        case "?" where followedByBreak:
            throw failure("an explicit key (`?`)", "Write `key: value`.")
        case ":" where followedByBreak:
            throw isKey ? failure("an empty key", "Write the key before `:`.")
                : failure("a mapping where a string is expected", "Write the value as a single string, quoted if it starts with `:`.")
        case "-" where followedByBreak && !isKey:
            throw failure("a list where a string is expected", "Write the value as a single string; quote it if it starts with `- `.")
        default:
            return
        }
    }

    /// Reads a quoted scalar starting at `start`; returns its text and the index after the closing quote.
    private func quoted(at start: Int) throws(YAMLSubsetError) -> (String, Int) {
        line[start] == "'" ? try singleQuoted(at: start) : try doubleQuoted(at: start)
    }

    private func singleQuoted(at start: Int) throws(YAMLSubsetError) -> (String, Int) {
        var out = String.UnicodeScalarView()
        var i = start + 1
        while i < line.count {
            if line[i] == "'" {
                guard i + 1 < line.count, line[i + 1] == "'" else { return (String(out), i + 1) }
                out.append("'")
                i += 2
            } else {
                out.append(line[i])
                i += 1
            }
        }
        throw failure("an unterminated single-quoted string",
                      "Close the quote on the same line; quoted values cannot span lines here.")
    }

    private func doubleQuoted(at start: Int) throws(YAMLSubsetError) -> (String, Int) {
        var out = String.UnicodeScalarView()
        var i = start + 1
        while i < line.count {
            switch line[i] {
            case "\"":
                return (String(out), i + 1)
            case "\\":
                var decoder = YAMLEscapeDecoder(line: line, index: i + 1)
                guard let scalar = decoder.decode() else { throw escapeFailure(decoder) }
                out.append(scalar)
                i = decoder.index
            default:
                out.append(line[i])
                i += 1
            }
        }
        throw failure("an unterminated double-quoted string",
                      "Close the quote on the same line; quoted values cannot span lines here.")
    }

    private func escapeFailure(_ decoder: YAMLEscapeDecoder) -> YAMLSubsetError {
        if decoder.index >= line.count {
            return failure("an unterminated double-quoted string",
                           "Close the quote on the same line; quoted values cannot span lines here.")
        }
        return failure("an unsupported escape sequence in a double-quoted string",
                       "Use only \\\\, \\\", \\/, \\n, \\t, \\r, \\0, \\xXX, \\uXXXX (surrogates in pairs) or \\UXXXXXXXX.")
    }

    private func isBreak(_ index: Int) -> Bool {
        index >= line.count || line[index] == " " || line[index] == "\t"
    }

    private func trimmingTrailingSpace(_ slice: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = slice.endIndex
        while end > slice.startIndex, slice[end - 1] == " " || slice[end - 1] == "\t" { end -= 1 }
        return slice[slice.startIndex..<end]
    }

    private func failure(_ problem: String, _ fix: String) -> YAMLSubsetError {
        YAMLSubsetError(line: number, problem: problem, fix: fix)
    }
}
