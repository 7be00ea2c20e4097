/// node-semver 7.x `safeRe` regular expressions for full (`FULL`) and loose (`LOOSE`) versions,
/// with the `makeSafeRegex` length limits (`\d` up to 256, `[a-zA-Z0-9-]` up to 250).
enum SemVerGrammar {
    /// Capture group count of both patterns: major, minor, patch, prerelease, build.
    static let groupCount = 5

    private static let maxDigits = 256
    private static let maxBuildChars = 250

    private static func digits(min: Int) -> BacktrackingPattern {
        .repeated(.unit(.digit), min: min, max: maxDigits)
    }

    /// `0|[1-9]\d*`
    private static let numericIdentifier: BacktrackingPattern = .choice([
        .literal("0"),
        .sequence([.unit(.nonZeroDigit), digits(min: 0)])
    ])

    /// `\d+`
    private static let numericIdentifierLoose: BacktrackingPattern = digits(min: 1)

    /// `\d*[a-zA-Z-][a-zA-Z0-9-]*`
    private static let nonNumericIdentifier: BacktrackingPattern = .sequence([
        digits(min: 0),
        .unit(.alphaHyphen),
        .repeated(.unit(.alnumHyphen), min: 0, max: maxBuildChars)
    ])

    private static func dotted(_ item: BacktrackingPattern) -> BacktrackingPattern {
        .sequence([item, .star(.sequence([.literal("."), item]))])
    }

    private static func mainVersion(_ number: BacktrackingPattern) -> BacktrackingPattern {
        .sequence([
            .capture(1, number), .literal("."),
            .capture(2, number), .literal("."),
            .capture(3, number)
        ])
    }

    /// `(?:\+([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*))?`
    private static let build: BacktrackingPattern = .optional(.sequence([
        .literal("+"),
        .capture(5, dotted(.repeated(.unit(.alnumHyphen), min: 1, max: maxBuildChars)))
    ]))

    /// `^v?MAINVERSION(?:-(PRERELEASEIDENTIFIER(?:\.PRERELEASEIDENTIFIER)*))?BUILD?$`
    static let full: BacktrackingPattern = .sequence([
        .optional(.literal("v")),
        mainVersion(numericIdentifier),
        .optional(.sequence([
            .literal("-"),
            .capture(4, dotted(.choice([nonNumericIdentifier, numericIdentifier])))
        ])),
        build
    ])

    /// `^[v=\s]*MAINVERSIONLOOSE(?:-?(PRERELEASEIDENTIFIERLOOSE(?:\.…)*))?BUILD?$`
    static let loose: BacktrackingPattern = .sequence([
        .star(.unit(CodeUnitClass([0x76...0x76, 0x3D...0x3D] + JSWhitespace.codeUnits.map { $0...$0 }))),
        mainVersion(numericIdentifierLoose),
        .optional(.sequence([
            .optional(.literal("-")),
            .capture(4, dotted(.choice([nonNumericIdentifier, numericIdentifierLoose])))
        ])),
        build
    ])
}

extension SemVerGrammar {
    /// `FULL`, compiled.
    static let fullProgram = full.compiled(groupCount: groupCount)
    /// `LOOSE`, compiled.
    static let looseProgram = loose.compiled(groupCount: groupCount)
}
