/// Source location as tracked by the Jison lexer (lines 1-based, columns 0-based).
struct Loc: Sendable, Equatable {
    var firstLine: Int
    var lastLine: Int
    var firstColumn: Int
    var lastColumn: Int
}

/// A faithful emulation of the Jison-generated Handlebars lexer (states INITIAL, mu, emu, com, raw).
struct Lexer {
    enum State { case initial, mu, emu, com, raw }

    /// Symbol id meaning "INVALID" (not a grammar terminal).
    static let invalid = -1
    /// The lexer's own end marker (`$end`), returned once input is exhausted.
    static let end = 1

    let input: [UInt16]
    var pos = 0
    var matched: [UInt16] = []
    var match: [UInt16] = []
    var yytext: [UInt16] = []
    var yylineno = 0
    var yylloc = Loc(firstLine: 1, lastLine: 1, firstColumn: 0, lastColumn: 0)
    var states: [State] = [.initial]
    var done = false

    init(_ source: String) {
        input = Array(source.utf16)
    }

    var remaining: Int { input.count - pos }

    func at(_ i: Int) -> UInt16? { i < input.count ? input[i] : nil }

    func hasPrefix(_ s: String, at i: Int) -> Bool {
        var j = i
        for u in s.utf16 {
            guard j < input.count, input[j] == u else { return false }
            j += 1
        }
        return true
    }

    // MARK: token loop

    /// Returns the next token id (Jison `lex()`), skipping rules that produce no token.
    mutating func lex() throws(HandlebarsError) -> Int {
        while true {
            if let t = try next() { return t }
        }
    }

    /// One step of Jison's `next()`: match a rule, run its action.
    mutating func next() throws(HandlebarsError) -> Int? {
        if done { return Lexer.end }
        if remaining == 0 { done = true }
        match = []
        yytext = []
        guard let (rule, length) = firstMatch() else {
            if remaining == 0 { return Lexer.end }
            throw HandlebarsError.parse("Lexical error on line \(yylineno + 1). Unrecognized text.\n" + showPosition())
        }
        consume(length)
        let token = action(rule)
        if done && remaining > 0 { done = false }
        return token
    }

    private mutating func consume(_ length: Int) {
        let text = Array(input[pos..<(pos + length)])
        let (breaks, lastLineLength) = Lexer.lineInfo(text)
        yylineno += breaks
        let newLast = breaks > 0 ? lastLineLength : yylloc.lastColumn + length
        yylloc = Loc(firstLine: yylloc.lastLine, lastLine: yylineno + 1, firstColumn: yylloc.lastColumn, lastColumn: newLast)
        yytext += text
        match += text
        pos += length
        matched += text
    }

    /// Counts `\r\n?|\n` line breaks and the length of the text after the last one (up to a line terminator).
    static func lineInfo(_ text: [UInt16]) -> (Int, Int) {
        var count = 0
        var i = 0
        var lastStart = -1
        while i < text.count {
            if text[i] == 13 {
                count += 1
                i += (i + 1 < text.count && text[i + 1] == 10) ? 2 : 1
                lastStart = i
            } else if text[i] == 10 {
                count += 1
                i += 1
                lastStart = i
            } else {
                i += 1
            }
        }
        guard lastStart >= 0 else { return (0, 0) }
        var j = lastStart
        while j < text.count, !JSChar.isLineTerminator(text[j]) { j += 1 }
        return (count, j - lastStart)
    }

    // MARK: position display

    /// Jison's `showPosition()`.
    func showPosition() -> String {
        let past = pastInput()
        return String(decoding: past, as: UTF16.self) + String(decoding: upcomingInput(), as: UTF16.self)
            + "\n" + String(repeating: "-", count: past.count) + "^"
    }

    private func pastInput() -> [UInt16] {
        let past = Array(matched.prefix(max(0, matched.count - match.count)))
        var out: [UInt16] = past.count > 20 ? Array("...".utf16) : []
        out += past.suffix(20)
        return out.filter { $0 != 10 }
    }

    private func upcomingInput() -> [UInt16] {
        var next = match
        if next.count < 20 {
            next += input[pos..<min(input.count, pos + 20 - next.count)]
        }
        var out = Array(next.prefix(20))
        if next.count > 20 { out += Array("...".utf16) }
        return out.filter { $0 != 10 }
    }

    // MARK: rules

    var state: State { states.last ?? .initial }

    /// The first rule (in Jison order for the current state) that matches, with its length.
    private func firstMatch() -> (Int, Int)? {
        switch state {
        case .initial:
            if let n = ruleContentBeforeMustache() { return (0, n) }
            if let n = ruleAnyContent() { return (1, n) }
            if remaining == 0 { return (44, 0) }
            return nil
        case .emu:
            if let n = ruleEscapedContent() { return (2, n) }
            return nil
        case .raw:
            if hasPrefix("{{{{", at: pos), let c = at(pos + 4), c != 0x2F { return (3, 4) }
            if let n = ruleEndRaw() { return (4, n) }
            if let n = ruleRawContent() { return (5, n) }
            return nil
        case .com:
            if let n = ruleCommentBody() { return (6, n) }
            return nil
        case .mu:
            return muMatch()
        }
    }

    /// `[^\x00]*?(?={{)`
    private func ruleContentBeforeMustache() -> Int? {
        var i = pos
        while i < input.count {
            if hasPrefix("{{", at: i) { return i - pos }
            if input[i] == 0 { return nil }
            i += 1
        }
        return nil
    }

    /// `[^\x00]+`
    private func ruleAnyContent() -> Int? {
        var i = pos
        while i < input.count, input[i] != 0 { i += 1 }
        return i > pos ? i - pos : nil
    }

    /// `[^\x00]{2,}?(?=({{|\\{{|\\\\{{|$))`
    private func ruleEscapedContent() -> Int? {
        var k = 1
        while pos + k <= input.count {
            if input[pos + k - 1] == 0 { return nil }
            if k >= 2 {
                let i = pos + k
                if i == input.count || hasPrefix("{{", at: i) || hasPrefix("\\{{", at: i) || hasPrefix("\\\\{{", at: i) {
                    return k
                }
            }
            k += 1
        }
        return nil
    }

    /// `{{{{/ID(?=[=}\s/.])}}}}`
    private func ruleEndRaw() -> Int? {
        guard hasPrefix("{{{{/", at: pos) else { return nil }
        var i = pos + 5
        while let c = at(i), JSChar.isIDChar(c) { i += 1 }
        guard i > pos + 5, hasPrefix("}}}}", at: i) else { return nil }
        return i + 4 - pos
    }

    /// `[^\x00]+?(?={{{{)`
    private func ruleRawContent() -> Int? {
        var i = pos
        while i < input.count {
            if input[i] == 0 { return nil }
            i += 1
            if hasPrefix("{{{{", at: i) { return i - pos }
        }
        return nil
    }

    /// `[\s\S]*?--(~)?}}`
    private func ruleCommentBody() -> Int? {
        var i = pos
        while i < input.count {
            if hasPrefix("--~}}", at: i) { return i + 5 - pos }
            if hasPrefix("--}}", at: i) { return i + 4 - pos }
            i += 1
        }
        return nil
    }
}
