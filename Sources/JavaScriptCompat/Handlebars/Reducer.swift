/// Semantic actions of the Handlebars grammar (the `yy` helpers: preparePath, prepareBlock, ...).
enum Reducer {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func reduce(_ action: ReduceAction, _ a: [SemVal], _ locs: [Loc], _ loc: Loc) throws(HandlebarsError) -> SemVal {
        switch action {
        case .accept, .root, .pass: return a.first ?? .none
        case .program: return .program(Program(body: statements(a[0])))
        case .comment: return .statement(.comment(stripFlags(token(a[0]), token(a[0]))))
        case .content:
            let t = token(a[0])
            return .statement(.content(ContentNode(original: t, value: t)))
        case .rawBlock: return try rawBlock(a, loc)
        case .openRaw:
            return .open(OpenTag(openText: "", path: expr(a[1]), params: exprs(a[2]), hash: pairs(a[3]), blockParams: nil, strip: StripFlags()))
        case .block: return try block(a, inverted: false, loc)
        case .inverseBlock: return try block(a, inverted: true, loc)
        case .openBlock:
            var ids: [String]?
            if case .ids(let list) = a[4] { ids = list }
            return .open(OpenTag(openText: token(a[0]), path: expr(a[1]), params: exprs(a[2]), hash: pairs(a[3]),
                                 blockParams: ids, strip: stripFlags(token(a[0]), token(a[5]))))
        case .inverseAndProgram:
            return .inverse(InverseInfo(strip: stripFlags(token(a[0]), token(a[0])), program: program(a[1]), chain: false))
        case .inverseChain: return try inverseChain(a, loc)
        case .closeBlock: return .close(expr(a[1]), stripFlags(token(a[0]), token(a[2])))
        case .mustache: return .statement(.mustache(mustache(a, loc)))
        case .partial:
            return .statement(.partial(PartialNode(name: expr(a[1]), params: exprs(a[2]), hash: pairs(a[3]), program: nil,
                                                   indent: "", strip: stripFlags(token(a[0]), token(a[4])), closeStrip: nil,
                                                   isBlock: false, loc: SourceLoc(loc))))
        case .partialBlock: return try partialBlock(a, loc)
        case .openPartialBlock:
            return .open(OpenTag(openText: token(a[0]), path: expr(a[1]), params: exprs(a[2]), hash: pairs(a[3]),
                                 blockParams: nil, strip: stripFlags(token(a[0]), token(a[4]))))
        case .sexpr:
            return .expr(.sub(SubExpr(path: expr(a[1]), params: exprs(a[2]), hash: pairs(a[3]), loc: SourceLoc(loc))))
        case .hash:
            if case .pairs(let p) = a[0] { return .pairs(p) }
            return .pairs([])
        case .hashPair: return .pair(id(token(a[0])), expr(a[2]))
        case .blockParams: return try blockParams(a[1])
        case .string: return .expr(.string(token(a[0]), SourceLoc(loc)))
        case .number: return .expr(.number(jsNumber(token(a[0])), SourceLoc(loc)))
        case .boolean: return .expr(.bool(token(a[0]) == "true", SourceLoc(loc)))
        case .undefined: return .expr(.undefined(SourceLoc(loc)))
        case .null: return .expr(.null(SourceLoc(loc)))
        case .dataPath: return try preparePath(data: true, a[1], loc)
        case .path: return try preparePath(data: false, a[0], loc)
        case .segmentAppend:
            guard case .segments(var s) = a[0] else { return a[0] }
            s.append((part: id(token(a[2])), original: token(a[2]), separator: token(a[1])))
            return .segments(s)
        case .segmentFirst: return .segments([(part: id(token(a[0])), original: token(a[0]), separator: nil)])
        case .emptyList: return .none
        case .append: return append(a[0], a[1])
        case .single: return append(.none, a[0])
        case .none: return .none
        }
    }

    // MARK: value accessors

    static func token(_ v: SemVal) -> String {
        if case .token(let t) = v { return t }
        return ""
    }

    static func expr(_ v: SemVal) -> Expr {
        if case .expr(let e) = v { return e }
        return .undefined(SourceLoc(Loc(firstLine: 0, lastLine: 0, firstColumn: 0, lastColumn: 0)))
    }

    static func exprs(_ v: SemVal) -> [Expr] {
        if case .exprs(let e) = v { return e }
        return []
    }

    static func pairs(_ v: SemVal) -> [(String, Expr)]? {
        if case .pairs(let p) = v { return p }
        return nil
    }

    static func statements(_ v: SemVal) -> [Statement] {
        if case .statements(let s) = v { return s }
        return []
    }

    static func program(_ v: SemVal) -> Program {
        if case .program(let p) = v { return p }
        return Program(body: [])
    }

    /// Appends an item to a (possibly empty) repetition list.
    static func append(_ list: SemVal, _ item: SemVal) -> SemVal {
        switch item {
        case .statement(let s):
            if case .statements(let l) = list { return .statements(l + [s]) }
            return .statements([s])
        case .expr(let e):
            if case .exprs(let l) = list { return .exprs(l + [e]) }
            return .exprs([e])
        case .pair(let k, let e):
            if case .pairs(let l) = list { return .pairs(l + [(k, e)]) }
            return .pairs([(k, e)])
        case .token(let t):
            if case .ids(let l) = list { return .ids(l + [t]) }
            return .ids([t])
        default:
            return list
        }
    }

    // MARK: yy helpers

    /// `id(token)`: strips surrounding brackets of `[...]` IDs.
    static func id(_ token: String) -> String {
        let u = Array(token.utf16)
        guard u.count >= 2, u.first == 0x5B, u.last == 0x5D, !u.contains(where: JSChar.isLineTerminator) else { return token }
        return String(decoding: u[1..<(u.count - 1)], as: UTF16.self)
    }

    /// `stripFlags(open, close)`.
    static func stripFlags(_ open: String, _ close: String) -> StripFlags {
        let o = Array(open.utf16), c = Array(close.utf16)
        return StripFlags(open: o.count > 2 && o[2] == 0x7E, close: c.count >= 3 && c[c.count - 3] == 0x7E)
    }

    /// JavaScript `Number(text)` for a NUMBER token (`-?[0-9]+(\.[0-9]+)?`).
    static func jsNumber(_ text: String) -> Double {
        Double(text) ?? .nan
    }

    static func preparePath(data: Bool, _ segs: SemVal, _ loc: Loc) throws(HandlebarsError) -> SemVal {
        guard case .segments(let parts) = segs else { return .none }
        var original = data ? "@" : ""
        var dig: [String] = []
        var depth = 0
        for p in parts {
            let isLiteral = p.original != p.part
            original += (p.separator ?? "") + p.part
            if !isLiteral && (p.part == ".." || p.part == "." || p.part == "this") {
                if !dig.isEmpty {
                    throw HandlebarsError.parse("Invalid path: " + original + SourceLoc(loc).suffix)
                } else if p.part == ".." {
                    depth += 1
                }
            } else {
                dig.append(p.part)
            }
        }
        return .expr(.path(PathExpr(data: data, depth: depth, parts: dig, original: original, loc: SourceLoc(loc))))
    }

    static func blockParams(_ v: SemVal) throws(HandlebarsError) -> SemVal {
        guard case .ids(let ids) = v else { return v }
        let joined = ids.joined(separator: ",")
        if id(joined) != joined {
            throw HandlebarsError.runtime("t.substring is not a function")
        }
        return .ids(ids)
    }

    static func mustache(_ a: [SemVal], _ loc: Loc) -> MustacheNode {
        let open = Array(token(a[0]).utf16)
        let flag: UInt16? = open.count > 3 ? open[3] : (open.count > 2 ? open[2] : nil)
        let escaped = flag != 0x7B && flag != 0x26
        return MustacheNode(path: expr(a[1]), params: exprs(a[2]), hash: pairs(a[3]), escaped: escaped,
                            isDecorator: open.contains(0x2A), strip: stripFlags(token(a[0]), token(a[4])), loc: SourceLoc(loc))
    }

    /// The `original` property of a helper name as a JavaScript primitive.
    enum Original: Equatable {
        case str(String), num(Double), bool(Bool), undef, null

        /// String concatenation form.
        var text: String {
            switch self {
            case .str(let s): return s
            case .num(let d): return JavaScriptNumber.string(d)
            case .bool(let b): return b ? "true" : "false"
            case .undef: return "undefined"
            case .null: return "null"
            }
        }
    }

    static func original(_ e: Expr) -> Original {
        switch e {
        case .path(let p): return .str(p.original)
        case .string(let s, _): return .str(s)
        case .number(let d, _): return .num(d)
        case .bool(let b, _): return .bool(b)
        case .undefined: return .undef
        case .null: return .null
        case .sub: return .undef
        }
    }

    /// `validateClose(open, close)` (strict equality of the `original` values).
    static func validateClose(_ openPath: Expr, _ close: Original) throws(HandlebarsError) {
        let o = original(openPath)
        if o != close {
            throw HandlebarsError.parse(o.text + " doesn't match " + close.text + openPath.loc.suffix)
        }
    }

    static func rawBlock(_ a: [SemVal], _ loc: Loc) throws(HandlebarsError) -> SemVal {
        guard case .open(let open) = a[0] else { return .none }
        try validateClose(open.path, .str(token(a[2])))
        var body: [Statement] = []
        if case .statements(let s) = a[1] { body = s }
        let program = Program(body: body)
        return .statement(.block(BlockNode(path: open.path, params: open.params, hash: open.hash, program: program, inverse: nil,
                                           openStrip: StripFlags(), inverseStrip: StripFlags(), closeStrip: StripFlags(),
                                           isDecorator: false, loc: SourceLoc(loc))))
    }

    static func block(_ a: [SemVal], inverted: Bool, _ loc: Loc) throws(HandlebarsError) -> SemVal {
        guard case .open(let open) = a[0] else { return .none }
        var inv: InverseInfo?
        if case .inverse(let i) = a[2] { inv = i }
        var closePath: Expr?
        var closeStrip: StripFlags?
        if case .close(let p, let s) = a[3] {
            closePath = p
            closeStrip = s
        }
        return .statement(.block(try prepareBlock(open, program(a[1]), inv, closePath: closePath, closeStrip: closeStrip,
                                                  inverted: inverted, loc)))
    }

    /// `prepareBlock(openBlock, program, inverseAndProgram, close, inverted, loc)`.
    static func prepareBlock(_ open: OpenTag, _ prog: Program, _ inverseAndProgram: InverseInfo?, closePath: Expr?,
                             closeStrip: StripFlags?, inverted: Bool, _ loc: Loc) throws(HandlebarsError) -> BlockNode {
        if let closePath {
            try validateClose(open.path, original(closePath))
        }
        let isDecorator = open.openText.contains("*")
        var program: Program? = prog
        program?.blockParams = open.blockParams
        var inverse: Program?
        var inverseStrip: StripFlags?
        if var iap = inverseAndProgram {
            if isDecorator {
                throw HandlebarsError.parse("Unexpected inverse block on decorator")
            }
            if iap.chain, case .block(var inner)? = iap.program.body.first {
                inner.closeStrip = closeStrip
                iap.program.body[0] = .block(inner)
            }
            inverseStrip = iap.strip
            inverse = iap.program
        }
        if inverted {
            swap(&program, &inverse)
        }
        return BlockNode(path: open.path, params: open.params, hash: open.hash, program: program, inverse: inverse,
                         openStrip: open.strip, inverseStrip: inverseStrip, closeStrip: closeStrip,
                         isDecorator: isDecorator, loc: SourceLoc(loc))
    }

    static func inverseChain(_ a: [SemVal], _ loc: Loc) throws(HandlebarsError) -> SemVal {
        guard case .open(let open) = a[0] else { return .none }
        var inner: InverseInfo?
        if case .inverse(let i) = a[2] { inner = i }
        let block = try prepareBlock(open, program(a[1]), inner, closePath: nil, closeStrip: inner?.strip, inverted: false, loc)
        var program = Program(body: [.block(block)])
        program.chained = true
        return .inverse(InverseInfo(strip: open.strip, program: program, chain: true))
    }

    static func partialBlock(_ a: [SemVal], _ loc: Loc) throws(HandlebarsError) -> SemVal {
        guard case .open(let open) = a[0], case .close(let closePath, let closeStrip) = a[2] else { return .none }
        try validateClose(open.path, original(closePath))
        return .statement(.partial(PartialNode(name: open.path, params: open.params, hash: open.hash, program: program(a[1]),
                                               indent: "", strip: open.strip, closeStrip: closeStrip, isBlock: true,
                                               loc: SourceLoc(loc))))
    }
}
