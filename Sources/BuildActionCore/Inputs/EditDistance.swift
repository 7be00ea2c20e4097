/// Levenshtein distance for "did you mean" suggestions.
enum EditDistance {
    /// Longest input (in Unicode scalars) for which a suggestion is computed.
    static let maximumLength = 64

    /// The edit distance between `a` and `b` (insertions, deletions, substitutions).
    static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The first candidate closest to `text` within `limit` edits, or nil.
    /// Candidates are `(spelling, suggestion)` pairs; ties keep the earlier candidate.
    static func closest(to text: String, in candidates: [(String, String)], limit: Int = 2) -> String? {
        guard text.unicodeScalars.count <= maximumLength else { return nil }
        var best: (distance: Int, suggestion: String)?
        for (spelling, suggestion) in candidates {
            let distance = between(text, spelling)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (distance, suggestion)
            }
        }
        return best?.suggestion
    }
}
