/// Release tags are immutable: a full version (`1.2.3`, `v1.2.3`, `1.2.3-rc.1`) names one
/// release, unlike floating tags (`1.2`, `1`, `latest`, branch names, `edge`, `nightly`).
public enum ReleaseTag {
    /// Whether `tag` is a full version: MAJOR.MINOR.PATCH with an optional `v` and an optional
    /// pre-release or suffix (`-rc.1`, `-alpine`).
    public static func isFullVersion(_ tag: String) -> Bool {
        var rest = Substring(tag)
        if rest.first == "v" { rest = rest.dropFirst() }
        let core = rest.prefix { $0 != "-" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ part in
            !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && (part == "0" || part.first != "0")
        }) else { return false }
        let suffix = rest.dropFirst(core.count)
        return suffix.isEmpty || (suffix.count > 1 && suffix.dropFirst().allSatisfy { $0.isASCIIDigit || $0.isASCIILetter || $0 == "." || $0 == "-" || $0 == "_" })
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetter: Bool { isASCII && isLetter }
}
