/// Handlebars' WhitespaceControl pass: `~` stripping and standalone-line removal.
struct WhitespaceControl {
    /// Strip information a statement reports to its enclosing program.
    struct Info {
        var open = false
        var close = false
        var openStandalone = false
        var closeStandalone = false
        var inlineStandalone = false
    }

    private var isRootSeen = false

    /// Processes a program in place.
    mutating func program(_ p: inout Program) {
        let isRoot = !isRootSeen
        isRootSeen = true
        for i in p.body.indices {
            guard let strip = accept(&p.body[i]) else { continue }
            let prevWS = WhitespaceControl.isPrevWhitespace(p.body, i, isRoot)
            let nextWS = WhitespaceControl.isNextWhitespace(p.body, i, isRoot)
            if strip.close { WhitespaceControl.omitRight(&p.body, i, multiple: true) }
            if strip.open { WhitespaceControl.omitLeft(&p.body, i, multiple: true) }
            if strip.inlineStandalone && prevWS && nextWS {
                WhitespaceControl.omitRight(&p.body, i)
                if WhitespaceControl.omitLeft(&p.body, i), case .partial(var partial) = p.body[i],
                   case .content(let prev) = p.body[i - 1] {
                    partial.indent = WhitespaceControl.trailingBlanks(prev.original)
                    p.body[i] = .partial(partial)
                }
            }
            if strip.openStandalone && prevWS {
                mutateBlockPrograms(&p.body[i], first: true) { WhitespaceControl.omitRight(&$0, nil) }
                WhitespaceControl.omitLeft(&p.body, i)
            }
            if strip.closeStandalone && nextWS {
                WhitespaceControl.omitRight(&p.body, i)
                mutateBlockPrograms(&p.body[i], first: false) { WhitespaceControl.omitLeft(&$0, nil) }
            }
        }
    }

    /// For a block: applies `f` to `(program || inverse).body` (first) or `(inverse || program).body` (not first).
    private func mutateBlockPrograms(_ s: inout Statement, first: Bool, _ f: (inout [Statement]) -> Void) {
        switch s {
        case .block(var b):
            if first {
                if b.program != nil { f(&b.program!.body) } else if b.inverse != nil { f(&b.inverse!.body) }
            } else {
                if b.inverse != nil { f(&b.inverse!.body) } else if b.program != nil { f(&b.program!.body) }
            }
            s = .block(b)
        case .partial(var pb):
            if pb.program != nil { f(&pb.program!.body) }
            s = .partial(pb)
        default:
            break
        }
    }

    private mutating func accept(_ s: inout Statement) -> Info? {
        switch s {
        case .mustache(let m): return Info(open: m.strip.open, close: m.strip.close)
        case .content: return nil
        case .comment(let st): return Info(open: st.open, close: st.close, inlineStandalone: true)
        case .partial(var pn):
            if !pn.isBlock { return Info(open: pn.strip.open, close: pn.strip.close, inlineStandalone: true) }
            var b = BlockNode(path: pn.name, params: [], hash: nil, program: pn.program, inverse: nil, openStrip: pn.strip,
                              inverseStrip: nil, closeStrip: pn.closeStrip, isDecorator: false, loc: pn.loc)
            let info = block(&b)
            pn.program = b.program
            s = .partial(pn)
            return info
        case .block(var b):
            let info = block(&b)
            s = .block(b)
            return info
        }
    }

    private mutating func block(_ b: inout BlockNode) -> Info {
        if b.program != nil { program(&b.program!) }
        if b.inverse != nil { program(&b.inverse!) }
        let hasBoth = b.program != nil && b.inverse != nil
        let mainBody = (b.program ?? b.inverse)?.body ?? []
        let firstInverseBody = hasBoth ? WhitespaceControl.firstInverse(b.inverse!).body : mainBody
        let info = Info(open: b.openStrip.open, close: b.closeStrip?.close ?? false,
                        openStandalone: WhitespaceControl.isNextWhitespace(mainBody, -1, nil),
                        closeStandalone: WhitespaceControl.isPrevWhitespace(firstInverseBody, firstInverseBody.count, nil))
        if b.openStrip.close { mutateMain(&b) { WhitespaceControl.omitRight(&$0, nil, multiple: true) } }
        if hasBoth {
            let inverseStrip = b.inverseStrip ?? StripFlags()
            if inverseStrip.open { mutateMain(&b) { WhitespaceControl.omitLeft(&$0, nil, multiple: true) } }
            if inverseStrip.close {
                WhitespaceControl.mutateFirstInverse(&b.inverse!) { WhitespaceControl.omitRight(&$0, nil, multiple: true) }
            }
            if b.closeStrip?.open ?? false {
                WhitespaceControl.mutateLastInverse(&b.inverse!) { WhitespaceControl.omitLeft(&$0, nil, multiple: true) }
            }
            let main = b.program!.body
            let firstInv = WhitespaceControl.firstInverse(b.inverse!).body
            if WhitespaceControl.isPrevWhitespace(main, main.count, nil) && WhitespaceControl.isNextWhitespace(firstInv, -1, nil) {
                mutateMain(&b) { WhitespaceControl.omitLeft(&$0, nil) }
                WhitespaceControl.mutateFirstInverse(&b.inverse!) { WhitespaceControl.omitRight(&$0, nil) }
            }
        } else if b.closeStrip?.open ?? false {
            mutateMain(&b) { WhitespaceControl.omitLeft(&$0, nil, multiple: true) }
        }
        return info
    }

    private func mutateMain(_ b: inout BlockNode, _ f: (inout [Statement]) -> Void) {
        if b.program != nil { f(&b.program!.body) } else if b.inverse != nil { f(&b.inverse!.body) }
    }

    private static func firstInverse(_ inv: Program) -> Program {
        if inv.chained, case .block(let b)? = inv.body.first, let p = b.program { return p }
        return inv
    }

    private static func mutateFirstInverse(_ inv: inout Program, _ f: (inout [Statement]) -> Void) {
        if inv.chained, case .block(var b)? = inv.body.first, b.program != nil {
            f(&b.program!.body)
            inv.body[0] = .block(b)
        } else {
            f(&inv.body)
        }
    }

    private static func mutateLastInverse(_ inv: inout Program, _ f: (inout [Statement]) -> Void) {
        if inv.chained, let last = inv.body.indices.last, case .block(var b) = inv.body[last], b.program != nil {
            mutateLastInverse(&b.program!, f)
            inv.body[last] = .block(b)
        } else {
            f(&inv.body)
        }
    }

    // MARK: whitespace tests

    /// `isPrevWhitespace(body, i, isRoot)`; `isRoot == nil` is JavaScript `undefined`.
    static func isPrevWhitespace(_ body: [Statement], _ i: Int, _ isRoot: Bool?) -> Bool {
        guard i - 1 >= 0, i - 1 < body.count else { return isRoot ?? false }
        guard case .content(let prev) = body[i - 1] else { return false }
        let hasSibling = i - 2 >= 0
        let trailing = trailingWhitespace(prev.original)
        if hasSibling || !(isRoot ?? false) { return trailing.contains(10) }
        return trailing.contains(10) || trailing.count == prev.original.utf16.count
    }

    /// `isNextWhitespace(body, i, isRoot)`.
    static func isNextWhitespace(_ body: [Statement], _ i: Int, _ isRoot: Bool?) -> Bool {
        guard i + 1 >= 0, i + 1 < body.count else { return isRoot ?? false }
        guard case .content(let next) = body[i + 1] else { return false }
        let hasSibling = i + 2 < body.count
        let leading = leadingWhitespace(next.original)
        if hasSibling || !(isRoot ?? false) { return leading.contains(10) }
        return leading.contains(10) || leading.count == next.original.utf16.count
    }

    private static func trailingWhitespace(_ s: String) -> [UInt16] {
        let u = Array(s.utf16)
        var j = u.count
        while j > 0, JSChar.isSpace(u[j - 1]) { j -= 1 }
        return Array(u[j...])
    }

    private static func leadingWhitespace(_ s: String) -> [UInt16] {
        let u = Array(s.utf16)
        var j = 0
        while j < u.count, JSChar.isSpace(u[j]) { j += 1 }
        return Array(u[..<j])
    }

    static func trailingBlanks(_ s: String) -> String {
        let u = Array(s.utf16)
        var j = u.count
        while j > 0, u[j - 1] == 32 || u[j - 1] == 9 { j -= 1 }
        return String(decoding: u[j...], as: UTF16.self)
    }

    // MARK: omit

    /// `omitRight(body, i, multiple)`: strips leading whitespace of the content after `i` (or the first one when i is nil).
    static func omitRight(_ body: inout [Statement], _ i: Int?, multiple: Bool = false) {
        let idx = i.map { $0 + 1 } ?? 0
        guard idx < body.count, case .content(var c) = body[idx], multiple || !c.rightStripped else { return }
        let original = c.value
        let u = Array(c.value.utf16)
        var j = 0
        if multiple {
            while j < u.count, JSChar.isSpace(u[j]) { j += 1 }
        } else {
            while j < u.count, u[j] == 32 || u[j] == 9 { j += 1 }
            if j < u.count, u[j] == 13 { j += 1 }
            if j < u.count, u[j] == 10 { j += 1 }
        }
        c.value = String(decoding: u[j...], as: UTF16.self)
        c.rightStripped = c.value != original
        body[idx] = .content(c)
    }

    /// `omitLeft(body, i, multiple)`: strips trailing whitespace of the content before `i` (or the last one when i is nil).
    @discardableResult
    static func omitLeft(_ body: inout [Statement], _ i: Int?, multiple: Bool = false) -> Bool {
        let idx = i.map { $0 - 1 } ?? body.count - 1
        guard idx >= 0, idx < body.count, case .content(var c) = body[idx], multiple || !c.leftStripped else { return false }
        let original = c.value
        let u = Array(c.value.utf16)
        var j = u.count
        if multiple {
            while j > 0, JSChar.isSpace(u[j - 1]) { j -= 1 }
        } else {
            while j > 0, u[j - 1] == 32 || u[j - 1] == 9 { j -= 1 }
        }
        c.value = String(decoding: u[..<j], as: UTF16.self)
        c.leftStripped = c.value != original
        body[idx] = .content(c)
        return c.leftStripped
    }
}
