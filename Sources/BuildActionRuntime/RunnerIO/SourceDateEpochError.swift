import BuildActionCore

/// A `SOURCE_DATE_EPOCH` in the environment that is not a time: the run stops before anything
/// is computed from it.
/// https://reproducible-builds.org/specs/source-date-epoch/
public enum SourceDateEpochError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// Not a whole, non-negative number of seconds; the value as given.
    case malformed(String)

    /// What is wrong, quoting the value.
    public var description: String {
        switch self {
        case .malformed(let value): "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got '\(value)'"
        }
    }

    /// How to fix it.
    public var hint: String? {
        "Unset SOURCE_DATE_EPOCH or set it to, for example, $(git log -1 --format=%ct)."
    }
}
