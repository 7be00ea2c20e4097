/// The contents of a character class while parsing: single characters plus (with `v`) strings.
struct ClassValue: Sendable {
    /// Single characters.
    var set = CodePointSet()
    /// Strings whose length is not 1 (only with `v`).
    var strings: [[UInt32]] = []
    /// V8's MayContainStrings for negation checks.
    var mayContainStrings = false

    /// The matcher node; strings are tried longest first, then the single characters.
    func node(negated: Bool) -> RegExpNode {
        if strings.isEmpty { return .characterClass(set, negated: negated) }
        let ordered = strings.enumerated().sorted {
            $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset
        }
        var alternatives: [RegExpNode] = ordered.map { item in
            item.element.isEmpty ? .empty : .sequence(item.element.map { RegExpNode.character($0) })
        }
        if !set.isEmpty { alternatives.append(.characterClass(set, negated: false)) }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    /// Adds the members of `other`.
    mutating func formUnion(_ other: ClassValue, ignoreCase: Bool) {
        set = set.union(other.set)
        for string in other.strings where !contains(string, ignoreCase: ignoreCase) { strings.append(string) }
        mayContainStrings = mayContainStrings || other.mayContainStrings
    }

    /// Keeps only members also in `other`.
    mutating func formIntersection(_ other: ClassValue, ignoreCase: Bool) {
        set = set.intersection(other.set)
        strings = strings.filter { other.contains($0, ignoreCase: ignoreCase) }
        mayContainStrings = mayContainStrings && other.mayContainStrings
    }

    /// Removes the members of `other`.
    mutating func formSubtraction(_ other: ClassValue, ignoreCase: Bool) {
        set = set.subtracting(other.set)
        strings = strings.filter { !other.contains($0, ignoreCase: ignoreCase) }
    }

    private func contains(_ string: [UInt32], ignoreCase: Bool) -> Bool {
        guard ignoreCase else { return strings.contains(string) }
        let key = string.map(CaseEquivalence.unicode.canonical)
        return strings.contains { $0.map(CaseEquivalence.unicode.canonical) == key }
    }
}
