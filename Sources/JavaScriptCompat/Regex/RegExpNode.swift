/// The parsed form of a pattern.
indirect enum RegExpNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One character: a UTF-16 code unit (legacy mode) or a code point (`u`/`v`).
    case character(UInt32)
    /// A character class; `negated` inverts membership (after case closure).
    case characterClass(CodePointSet, negated: Bool)
    /// Terms in order.
    case sequence([RegExpNode])
    /// Alternatives, tried left to right.
    case alternation([RegExpNode])
    /// A capturing group with its 1-based index.
    case capture(Int, RegExpNode)
    /// A lookahead/lookbehind; captures `firstCapture..<firstCapture+captureCount` lie inside.
    case lookaround(RegExpNode, behind: Bool, negative: Bool, firstCapture: Int, captureCount: Int)
    /// A quantified atom; `max == nil` is unbounded.
    case quantifier(RegExpNode, min: Int, max: Int?, greedy: Bool, firstCapture: Int, captureCount: Int)
    /// `\n` back reference to a capture index.
    case backReference(Int)
    /// `\k<name>` before the name is resolved.
    case namedBackReference(String)
    /// `^`, `$`, `\b`, `\B`.
    case assertion(RegExpAssertion)

    /// Whether the node can consume input (V8's `max_match() > 0`).
    var canConsume: Bool {
        switch self {
        case .empty, .assertion, .lookaround: return false
        case .character, .characterClass, .backReference, .namedBackReference: return true
        case .sequence(let items), .alternation(let items): return items.contains { $0.canConsume }
        case .capture(_, let body): return body.canConsume
        case .quantifier(let body, _, let max, _, _, _): return max != 0 && body.canConsume
        }
    }

    /// Whether this is a lookaround node.
    var isLookaround: Bool {
        if case .lookaround = self { return true }
        return false
    }

    /// Whether this is a lookbehind node.
    var isLookbehind: Bool {
        if case .lookaround(_, let behind, _, _, _) = self { return behind }
        return false
    }
}

/// The zero-width assertions.
enum RegExpAssertion: Sendable {
    case startOfInput, endOfInput, startOfLine, endOfLine, wordBoundary, notWordBoundary
}
