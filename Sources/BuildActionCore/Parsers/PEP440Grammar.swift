/// @renovate/pep440 1.x `VERSION_PATTERN`, compiled case-insensitively (XRegExp flag `i`).
enum PEP440Grammar {
    /// Capture group numbers of the named groups.
    enum Group: Int, CaseIterable {
        case epoch = 1, release, preLabel, preNumber, postNumber1, postLabel, postNumber2
        case devLabel, devNumber, local
    }

    static let groupCount = Group.allCases.count

    private static func text(_ s: String) -> BacktrackingPattern {
        .literal(s, caseInsensitive: true)
    }

    private static func capture(_ group: Group, _ pattern: BacktrackingPattern) -> BacktrackingPattern {
        .capture(group.rawValue, pattern)
    }

    private static let digits: BacktrackingPattern = .plus(.unit(.digit))
    /// `[-_\.]?`
    private static let separator: BacktrackingPattern = .optional(.unit(CodeUnitClass(chars: "-_.")))

    private static func alternatives(_ words: [String]) -> BacktrackingPattern {
        .choice(words.map(text))
    }

    private static let pre: BacktrackingPattern = .optional(.sequence([
        separator,
        capture(.preLabel, alternatives(["a", "b", "c", "rc", "alpha", "beta", "pre", "preview"])),
        separator,
        .optional(capture(.preNumber, digits))
    ]))

    private static let post: BacktrackingPattern = .optional(.choice([
        .sequence([text("-"), capture(.postNumber1, digits)]),
        .sequence([
            separator,
            capture(.postLabel, alternatives(["post", "rev", "r"])),
            separator,
            .optional(capture(.postNumber2, digits))
        ])
    ]))

    private static let dev: BacktrackingPattern = .optional(.sequence([
        separator,
        capture(.devLabel, text("dev")),
        separator,
        .optional(capture(.devNumber, digits))
    ]))

    private static let local: BacktrackingPattern = .optional(.sequence([
        text("+"),
        capture(.local, .sequence([
            .plus(.unit(.alnumCaseless)),
            .star(.sequence([.unit(CodeUnitClass(chars: "-_.")), .plus(.unit(.alnumCaseless))]))
        ]))
    ]))

    /// `VERSION_PATTERN` (without anchors).
    static let version: BacktrackingPattern = .sequence([
        .optional(text("v")),
        .optional(.sequence([capture(.epoch, digits), text("!")])),
        capture(.release, .sequence([digits, .star(.sequence([text("."), digits]))])),
        pre, post, dev, local
    ])

    /// `^\s*VERSION_PATTERN\s*$`, used by `clean`.
    static let padded: BacktrackingPattern = .sequence([
        .star(.unit(.whitespace)), version, .star(.unit(.whitespace))
    ])
}

extension PEP440Grammar {
    /// `^VERSION_PATTERN$`, compiled.
    static let versionProgram = version.compiled(groupCount: groupCount)
    /// `^\s*VERSION_PATTERN\s*$`, compiled.
    static let paddedProgram = padded.compiled(groupCount: groupCount)
}
