/// The `mu` state rules and the token actions of the Handlebars lexer.
extension Lexer {
    /// Terminal ids (Jison numbering).
    enum T {
        static let eof = 5, comment = 14, content = 15, endRawBlock = 18, openRawBlock = 19, closeRawBlock = 23
        static let openBlock = 29, close = 33, openInverse = 34, openInverseChain = 39, inverse = 44
        static let openEndBlock = 47, open = 48, openUnescaped = 51, closeUnescaped = 54, openPartial = 55
        static let openPartialBlock = 60, openSexpr = 65, closeSexpr = 68, id = 72, equals = 73
        static let openBlockParams = 75, closeBlockParams = 77, string = 80, number = 81, boolean = 82
        static let undefined = 83, null = 84, data = 85, sep = 87
    }

    /// Length of `{{` + optional `~` at pos (the common opener prefix), or nil.
    private func opener() -> Int? {
        guard hasPrefix("{{", at: pos) else { return nil }
        return at(pos + 2) == 0x7E ? 3 : 2
    }

    private func skipSpaces(_ i: Int) -> Int {
        var j = i
        while let c = at(j), JSChar.isSpace(c) { j += 1 }
        return j
    }

    /// After optional `~`, `}}` at i: returns the end index.
    private func closer(_ i: Int) -> Int? {
        var j = i
        if at(j) == 0x7E { j += 1 }
        return hasPrefix("}}", at: j) ? j + 2 : nil
    }

    // swiftlint:disable:next cyclomatic_complexity
    func muMatch() -> (Int, Int)? {
        let c = at(pos)
        if c == 0x28 { return (7, 1) }
        if c == 0x29 { return (8, 1) }
        if hasPrefix("{{{{", at: pos) { return (9, 4) }
        if hasPrefix("}}}}", at: pos) { return (10, 4) }
        if let o = opener() {
            if let r = openerRule(o) { return r }
        }
        return muTailMatch(c)
    }

    /// Rules 11-23 (everything starting with `{{`).
    private func openerRule(_ o: Int) -> (Int, Int)? {
        let p = pos + o
        if at(p) == 0x3E { return (11, o + 1) }
        if hasPrefix("#>", at: p) { return (12, o + 2) }
        if at(p) == 0x23 { return (13, o + 1 + (at(p + 1) == 0x2A ? 1 : 0)) }
        if at(p) == 0x2F { return (14, o + 1) }
        if at(p) == 0x5E, let e = closer(skipSpaces(p + 1)) { return (15, e - pos) }
        let afterSpace = skipSpaces(p)
        if hasPrefix("else", at: afterSpace), let e = closer(skipSpaces(afterSpace + 4)) { return (16, e - pos) }
        if at(p) == 0x5E { return (17, o + 1) }
        if hasPrefix("else", at: afterSpace) {
            let q = afterSpace + 4
            if let n = at(q), JSChar.isWord(n) {} else { return (18, q - pos) }
        }
        if at(p) == 0x7B { return (19, o + 1) }
        if at(p) == 0x26 { return (20, o + 1) }
        if hasPrefix("!--", at: p) { return (21, o + 3) }
        if at(p) == 0x21 {
            var i = p + 1
            while i < input.count {
                if hasPrefix("}}", at: i) { return (22, i + 2 - pos) }
                i += 1
            }
        }
        return (23, o + (at(p) == 0x2A ? 1 : 0))
    }

    /// Rules 24-44.
    private func muTailMatch(_ c: UInt16?) -> (Int, Int)? {
        guard let c else { return (44, 0) }
        if c == 0x3D { return (24, 1) }
        if hasPrefix("..", at: pos) { return (25, 2) }
        if c == 0x2E, let n = at(pos + 1), JSChar.isIDLookahead(n) { return (26, 1) }
        if c == 0x2F || c == 0x2E { return (27, 1) }
        if JSChar.isSpace(c) {
            var i = pos
            while let d = at(i), JSChar.isSpace(d) { i += 1 }
            return (28, i - pos)
        }
        if c == 0x7D, let e = closer(pos + 1) { return (29, e - pos) }
        if let e = closer(pos) { return (30, e - pos) }
        if c == 0x22, let n = quoted(0x22, 0x22) { return (31, n) }
        if c == 0x27, let n = quoted(0x27, 0x27) { return (32, n) }
        if c == 0x40 { return (33, 1) }
        if let r = literalRule() { return r }
        if hasPrefix("as", at: pos) {
            let s = skipSpaces(pos + 2)
            if s > pos + 2, at(s) == 0x7C { return (39, s + 1 - pos) }
        }
        if c == 0x7C { return (40, 1) }
        if JSChar.isIDChar(c) {
            var i = pos
            while let d = at(i), JSChar.isIDChar(d) { i += 1 }
            if let n = at(i), JSChar.isIDLookahead(n) { return (41, i - pos) }
        }
        if c == 0x5B, let n = quoted(0x5B, 0x5D) { return (42, n) }
        if JSChar.isLineTerminator(c) { return nil }
        return (43, 1)
    }

    /// Rules 34-38: true/false/undefined/null/number followed by `[~}\s)]`.
    private func literalRule() -> (Int, Int)? {
        for (rule, word) in [(34, "true"), (35, "false"), (36, "undefined"), (37, "null")] {
            if hasPrefix(word, at: pos), let n = at(pos + word.utf16.count), JSChar.isLiteralLookahead(n) {
                return (rule, word.utf16.count)
            }
        }
        var i = pos
        if at(i) == 0x2D { i += 1 }
        let digitsStart = i
        while let d = at(i), JSChar.isDigit(d) { i += 1 }
        guard i > digitsStart else { return nil }
        if at(i) == 0x2E, let d = at(i + 1), JSChar.isDigit(d) {
            var j = i + 1
            while let e = at(j), JSChar.isDigit(e) { j += 1 }
            if let n = at(j), JSChar.isLiteralLookahead(n) { return (38, j - pos) }
        }
        if let n = at(i), JSChar.isLiteralLookahead(n) { return (38, i - pos) }
        return nil
    }

    /// `O(\\C|[^C])*C` with JavaScript backtracking semantics; returns the match length.
    private func quoted(_ open: UInt16, _ close: UInt16) -> Int? {
        // Depth-first search in the regex engine's preference order: escape first, then plain char, then stop.
        var stack: [(Int, Int)] = [(pos + 1, 0)]
        while var (i, alt) = stack.popLast() {
            while true {
                if alt == 0 {
                    alt = 1
                    if at(i) == 0x5C, at(i + 1) == close {
                        stack.append((i, 1))
                        i += 2
                        alt = 0
                        continue
                    }
                }
                if alt == 1 {
                    alt = 2
                    if let c = at(i), c != close {
                        stack.append((i, 2))
                        i += 1
                        alt = 0
                        continue
                    }
                }
                if at(i) == close { return i + 1 - pos }
                break
            }
        }
        return nil
    }

    /// Runs the action of `rule` on the just-consumed text; returns a token id or nil (no token).
    mutating func action(_ rule: Int) -> Int? {
        switch rule {
        case 0: return contentBeforeMustacheAction()
        case 1, 5: return T.content
        case 3: states.append(.raw); return T.content
        case 2: states.removeLast(); return T.content
        case 4:
            states.removeLast()
            if state == .raw { return T.content }
            strip(5, 9)
            return T.endRawBlock
        case 6: states.removeLast(); return T.comment
        case 21: unputComment(); return nil
        case 22: states.removeLast(); return T.comment
        case 28: return nil
        case 31, 32:
            strip(1, 2)
            yytext = Lexer.unescape(yytext, rule == 31 ? 0x22 : 0x27)
            return T.string
        case 42: yytext = Lexer.unescapeBracket(yytext); return T.id
        case 43: return Lexer.invalid
        default: return muAction(rule)
        }
    }

    private mutating func muAction(_ rule: Int) -> Int? {
        switch rule {
        case 7: return T.openSexpr
        case 8: return T.closeSexpr
        case 9: return T.openRawBlock
        case 10: states.removeLast(); states.append(.raw); return T.closeRawBlock
        case 11: return T.openPartial
        case 12: return T.openPartialBlock
        case 13: return T.openBlock
        case 14: return T.openEndBlock
        case 15, 16: states.removeLast(); return T.inverse
        case 17: return T.openInverse
        case 18: return T.openInverseChain
        case 19: return T.openUnescaped
        case 20, 23: return T.open
        case 24: return T.equals
        case 25, 26, 41: return T.id
        case 27: return T.sep
        case 29: states.removeLast(); return T.closeUnescaped
        case 30: states.removeLast(); return T.close
        case 33: return T.data
        case 34, 35: return T.boolean
        case 36: return T.undefined
        case 37: return T.null
        case 38: return T.number
        case 39: return T.openBlockParams
        case 40: return T.closeBlockParams
        default: return T.eof
        }
    }

    private mutating func contentBeforeMustacheAction() -> Int? {
        let n = yytext.count
        if n >= 2 && yytext[n - 1] == 0x5C && yytext[n - 2] == 0x5C {
            strip(0, 1)
            states.append(.mu)
        } else if n >= 1 && yytext[n - 1] == 0x5C {
            strip(0, 1)
            states.append(.emu)
        } else {
            states.append(.mu)
        }
        return yytext.isEmpty ? nil : T.content
    }

    /// Jison's `unput(yytext)` for `{{!--` (including its off-by-one truncation of match/matched).
    private mutating func unputComment() {
        let n = yytext.count
        pos -= n
        if !match.isEmpty { match.removeLast() }
        if !matched.isEmpty { matched.removeLast() }
        yylloc = Loc(firstLine: yylloc.firstLine, lastLine: yylineno + 1,
                     firstColumn: yylloc.firstColumn, lastColumn: yylloc.firstColumn)
        states.removeLast()
        states.append(.com)
    }

    /// `yytext.substring(start, yyleng - end + start)`.
    private mutating func strip(_ start: Int, _ end: Int) {
        let len = yytext.count
        let lo = min(max(start, 0), len), hi = min(max(len - end + start, 0), len)
        yytext = lo <= hi ? Array(yytext[lo..<hi]) : Array(yytext[hi..<lo])
    }

    /// Replaces `\q` by `q` (string literal unescaping).
    static func unescape(_ s: [UInt16], _ q: UInt16) -> [UInt16] {
        var out: [UInt16] = []
        var i = 0
        while i < s.count {
            if s[i] == 0x5C, i + 1 < s.count, s[i + 1] == q {
                out.append(q)
                i += 2
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// `replace(/\\([\\\]])/g, '$1')`.
    static func unescapeBracket(_ s: [UInt16]) -> [UInt16] {
        var out: [UInt16] = []
        var i = 0
        while i < s.count {
            if s[i] == 0x5C, i + 1 < s.count, s[i + 1] == 0x5C || s[i + 1] == 0x5D {
                out.append(s[i + 1])
                i += 2
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }
}
