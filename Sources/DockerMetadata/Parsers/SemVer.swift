/// A parsed semantic version, as node-semver 7.x's `SemVer` object (the Handlebars context
/// of metadata-action's `type=semver` rules: `{{raw}}`, `{{version}}`, `{{major}}`, …).
import JavaScriptCompat

public struct SemVer: Sendable, Equatable {
    /// The string given to the constructor, untrimmed (`{{raw}}`).
    public let raw: String
    /// Whether the loose grammar was used.
    public let loose: Bool
    /// The major number.
    public let major: Int
    /// The minor number.
    public let minor: Int
    /// The patch number.
    public let patch: Int
    /// The prerelease identifiers (empty when none).
    public let prerelease: [SemVerIdentifier]
    /// The build metadata identifiers (empty when none).
    public let build: [String]
    /// The normalized `major.minor.patch[-prerelease]` (no build metadata).
    public let version: String

    /// `Number.MAX_SAFE_INTEGER`.
    static let maxSafeInteger = 9_007_199_254_740_991
    /// node-semver's `MAX_LENGTH`, compared with the JavaScript (UTF-16) length.
    static let maxLength = 256
}

extension SemVer {
    /// `semver.parse(s, {loose})`: nil where node-semver returns null (too long, no match,
    /// or a main number above `Number.MAX_SAFE_INTEGER`). Leading/trailing JS whitespace is trimmed.
    public static func parse(_ s: String, loose: Bool) -> SemVer? {
        guard s.utf16.count <= maxLength else { return nil }
        let trimmed = JavaScriptNumber.trimJavaScriptWhitespace(s)
        guard let grammar = loose ? SemVerGrammar.loose : SemVerGrammar.full,
            let groups = grammar.match(in: trimmed), groups.count == 6
        else { return nil }
        func text(_ index: Int) -> String? { groups[index] }
        guard let major = safeNumber(text(1)), let minor = safeNumber(text(2)),
              let patch = safeNumber(text(3)) else { return nil }
        let prerelease = (text(4).map { $0.split(separator: ".", omittingEmptySubsequences: false) } ?? [])
            .map { identifier(String($0)) }
        let build = text(5).map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) } ?? []
        return SemVer(raw: s, loose: loose, major: major, minor: minor, patch: patch,
                      prerelease: prerelease, build: build,
                      version: format(major, minor, patch, prerelease))
    }

    /// `semver.valid(s)`: the normalized version of a strictly valid version, else nil.
    public static func valid(_ s: String) -> String? {
        parse(s, loose: false)?.version
    }

    /// `semver.prerelease(s)`: the prerelease identifiers of a strictly valid version,
    /// nil when it is invalid or has none.
    public static func prerelease(_ s: String) -> [SemVerIdentifier]? {
        guard let parsed = parse(s, loose: false), !parsed.prerelease.isEmpty else { return nil }
        return parsed.prerelease
    }

    /// `+digits`, rejected above `Number.MAX_SAFE_INTEGER`.
    private static func safeNumber(_ digits: String?) -> Int? {
        guard let digits, let value = exactInteger(digits), value <= maxSafeInteger else { return nil }
        return value
    }

    /// The value of an ASCII digit string when it fits 16 significant digits, else nil (too large).
    private static func exactInteger(_ digits: String) -> Int? {
        let significant = digits.drop { $0 == "0" }
        if significant.isEmpty { return 0 }
        guard significant.count <= 16 else { return nil }
        return Int(significant)
    }

    /// A prerelease identifier: numeric when all digits and strictly below `MAX_SAFE_INTEGER`.
    private static func identifier(_ text: String) -> SemVerIdentifier {
        let allDigits = !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if allDigits, let value = exactInteger(text), value < maxSafeInteger {
            return .number(value)
        }
        return .string(text)
    }

    private static func format(_ major: Int, _ minor: Int, _ patch: Int, _ prerelease: [SemVerIdentifier]) -> String {
        let main = "\(major).\(minor).\(patch)"
        if prerelease.isEmpty { return main }
        return main + "-" + prerelease.map(\.text).joined(separator: ".")
    }
}
