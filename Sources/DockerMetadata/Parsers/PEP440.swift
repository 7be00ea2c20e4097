/// A re-implementation of @renovate/pep440 1.x `valid`, `explain`, `clean`, `major`,
/// `minor` and `patch`, including its quirks (case-insensitive, optional `v` prefix,
/// JavaScript-number rendering, and `clean` joining local segments with `,`).
import JavaScriptCompat

public enum PEP440 {
    /// `valid(s)`: `s` itself when it matches the version pattern, else nil.
    public static func valid(_ s: String) -> String? {
        parse(s, padded: false) == nil ? nil : s
    }

    /// `explain(s)`: the version's components, or nil when invalid.
    public static func explain(_ s: String) -> PEP440Version? {
        guard let parsed = parse(s, padded: false) else { return nil }
        let release = parsed.release.map { JavaScriptNumber.string($0) }.joined(separator: ".")
        let base = (parsed.epoch != 0 ? JavaScriptNumber.string(parsed.epoch) + "!" : "") + release
        let normalized = stringify(parsed)
        let publicPart = normalized.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return PEP440Version(
            epoch: parsed.epoch, release: parsed.release,
            pre: parsed.pre.map { PEP440Prerelease(label: $0.label, number: $0.number) },
            post: parsed.post?.number, dev: parsed.dev?.number,
            local: parsed.local.map { $0.map(\.text).joined(separator: ".") },
            publicVersion: String(publicPart), baseVersion: base,
            isPrerelease: parsed.dev != nil || parsed.pre != nil,
            isDevrelease: parsed.dev != nil, isPostrelease: parsed.post != nil)
    }

    /// `clean(s)`: the normalized version (surrounding JS whitespace allowed), or nil.
    public static func clean(_ s: String) -> String? {
        parse(s, padded: true).map(stringify)
    }

    /// `major(s)`: the first release number, or nil (the library throws) when invalid.
    public static func major(_ s: String) -> Double? {
        explain(s)?.release.first
    }

    /// `minor(s)`: the second release number (`0` when absent), or nil when invalid.
    public static func minor(_ s: String) -> Double? {
        explain(s).map { $0.release.count < 2 ? 0 : $0.release[1] }
    }

    /// `patch(s)`: the third release number (`0` when absent), or nil when invalid.
    public static func patch(_ s: String) -> Double? {
        explain(s).map { $0.release.count < 3 ? 0 : $0.release[2] }
    }
}

extension PEP440 {
    /// A letter/number pair as produced by the library's `normalize_letter_version`.
    struct LetterNumber: Equatable {
        let label: String
        let number: Double
    }

    /// A local version segment: a number when `Number(segment)` is not NaN, else lowercased text.
    enum LocalSegment: Equatable {
        case number(Double)
        case text(String)

        var text: String {
            switch self {
            case .number(let value): return JavaScriptNumber.string(value)
            case .text(let value): return value
            }
        }
    }

    /// The library's internal `parse` result.
    struct Parsed {
        let epoch: Double
        let release: [Double]
        let pre: LetterNumber?
        let post: LetterNumber?
        let dev: LetterNumber?
        let local: [LocalSegment]?
    }

    static func parse(_ s: String, padded: Bool) -> Parsed? {
        guard let grammar = padded ? PEP440Grammar.padded : PEP440Grammar.exact,
            let groups = grammar.match(in: s), groups.count == PEP440Grammar.Group.allCases.count + 1
        else { return nil }
        func group(_ name: PEP440Grammar.Group) -> String? { groups[name.rawValue] }
        let release = (group(.release) ?? "").split(separator: ".").map { number(String($0)) }
        return Parsed(
            epoch: group(.epoch).map(number) ?? 0,
            release: release,
            pre: normalize(group(.preLabel), group(.preNumber)),
            post: normalize(group(.postLabel), group(.postNumber1) ?? group(.postNumber2)),
            dev: normalize(group(.devLabel), group(.devNumber)),
            local: group(.local).map(localSegments))
    }

    /// `Number(digits)`.
    private static func number(_ digits: String) -> Double {
        Double(digits) ?? .nan
    }

    /// `normalize_letter_version(letter, number)`.
    private static func normalize(_ letter: String?, _ number: String?) -> LetterNumber? {
        guard let letter else {
            return number.map { LetterNumber(label: "post", number: self.number($0)) }
        }
        let value = number.map(self.number) ?? 0
        return LetterNumber(label: canonicalLabel(letter.lowercased()), number: value)
    }

    private static func canonicalLabel(_ label: String) -> String {
        switch label {
        case "alpha": return "a"
        case "beta": return "b"
        case "c", "pre", "preview": return "rc"
        case "rev", "r": return "post"
        default: return label
        }
    }

    /// `parse_local_version`: split on `.`, `_`, `-`.
    private static func localSegments(_ local: String) -> [LocalSegment] {
        local.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "_" || $0 == "-" }.map { part in
            let value = JavaScriptNumber.number(String(part))
            return value.isNaN ? .text(part.lowercased()) : .number(value)
        }
    }

    /// `stringify(parsed)`; the local array is interpolated, hence joined with `,`.
    static func stringify(_ parsed: Parsed) -> String {
        var text = parsed.epoch != 0 ? JavaScriptNumber.string(parsed.epoch) + "!" : ""
        text += parsed.release.map { JavaScriptNumber.string($0) }.joined(separator: ".")
        if let pre = parsed.pre { text += pre.label + JavaScriptNumber.string(pre.number) }
        if let post = parsed.post { text += "." + post.label + JavaScriptNumber.string(post.number) }
        if let dev = parsed.dev { text += "." + dev.label + JavaScriptNumber.string(dev.number) }
        if let local = parsed.local { text += "+" + local.map(\.text).joined(separator: ",") }
        return text
    }
}
