/// A small regular-expression tree with JavaScript (ECMAScript) backtracking semantics:
/// ordered alternation, greedy quantifiers, captures, over UTF-16 code units. It is compiled
/// to a `BacktrackingProgram` for matching.
///
/// It exists so that the capture groups chosen by node-semver's and @renovate/pep440's
/// JavaScript regular expressions are reproduced exactly (including backtracking quirks
/// such as `1.2.345.x` parsing loosely as patch `34`, prerelease `5.x`).
indirect enum BacktrackingPattern: Sendable {
    /// One UTF-16 code unit belonging to the class.
    case unit(CodeUnitClass)
    /// The patterns one after another.
    case sequence([BacktrackingPattern])
    /// Ordered alternation: the first alternative that lets the whole match succeed wins.
    case choice([BacktrackingPattern])
    /// A greedy quantifier `{min,max}`.
    case repeated(BacktrackingPattern, min: Int, max: Int)
    /// A numbered capture group.
    case capture(Int, BacktrackingPattern)

    /// `p?` (greedy).
    static func optional(_ pattern: BacktrackingPattern) -> BacktrackingPattern {
        .repeated(pattern, min: 0, max: 1)
    }

    /// `p*` (greedy).
    static func star(_ pattern: BacktrackingPattern) -> BacktrackingPattern {
        .repeated(pattern, min: 0, max: Int.max)
    }

    /// `p+` (greedy).
    static func plus(_ pattern: BacktrackingPattern) -> BacktrackingPattern {
        .repeated(pattern, min: 1, max: Int.max)
    }

    /// A literal text, optionally ASCII case-insensitive (JavaScript `i` flag without `u`).
    static func literal(_ text: String, caseInsensitive: Bool = false) -> BacktrackingPattern {
        .sequence(text.utf16.map { unit in
            .unit(caseInsensitive ? CodeUnitClass.asciiCaseInsensitive(unit) : CodeUnitClass(units: [unit]))
        })
    }

    /// Compiles the tree into a backtracking program (see `BacktrackingProgram`).
    func compiled(groupCount: Int) -> BacktrackingProgram {
        BacktrackingProgram(self, groupCount: groupCount)
    }
}
