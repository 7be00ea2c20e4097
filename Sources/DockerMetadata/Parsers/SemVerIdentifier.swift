/// One dot-separated prerelease identifier of a `SemVer`: node-semver turns purely numeric
/// identifiers below `Number.MAX_SAFE_INTEGER` into numbers and keeps the others as strings.
public enum SemVerIdentifier: Sendable, Equatable {
    /// A non-numeric (or too large) identifier, verbatim.
    case string(String)
    /// A numeric identifier (leading zeros dropped, as `+"067"` gives `67`).
    case number(Int)

    /// The identifier as JavaScript renders it (`String(id)`), e.g. in `version` or a Handlebars template.
    public var text: String {
        switch self {
        case .string(let value): return value
        case .number(let value): return String(value)
        }
    }
}
