/// Collects the terms and alternatives of one disjunction while parsing (V8's RegExpBuilder).
struct TermBuilder {
    private var alternatives: [RegExpNode] = []
    private var terms: [RegExpNode] = []

    /// Adds an atom that a quantifier may follow.
    mutating func addAtom(_ node: RegExpNode) { terms.append(node) }

    /// Adds an assertion (`^`, `$`, `\b`, `\B`).
    mutating func addAssertion(_ node: RegExpNode) { terms.append(node) }

    /// Starts a new alternative (`|`).
    mutating func newAlternative() {
        alternatives.append(terms.count == 1 ? terms[0] : (terms.isEmpty ? .empty : .sequence(terms)))
        terms = []
    }

    /// The finished disjunction.
    mutating func finish() -> RegExpNode {
        newAlternative()
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    /// Applies a quantifier to the last atom; false when V8 rejects it ("Invalid quantifier").
    mutating func quantifyLast(min: Int, max: Int?, greedy: Bool, firstCapture: Int, captureCount: Int,
                               unicodeMode: Bool) -> Bool {
        guard let atom = terms.last else { return true }
        if atom.isLookaround && (unicodeMode || atom.isLookbehind) { return false }
        if !atom.canConsume {
            if min == 0 { terms.removeLast() }
            return true
        }
        terms[terms.count - 1] = .quantifier(atom, min: min, max: max, greedy: greedy,
                                             firstCapture: firstCapture, captureCount: captureCount)
        return true
    }
}
