import BuildActionCore
import Foundation

/// "Now" for a run: `SOURCE_DATE_EPOCH` (reproducible builds) when set, else the real time.
/// https://reproducible-builds.org/specs/source-date-epoch/
public enum Clock {
    /// The instant to use as now, or an error for a malformed `SOURCE_DATE_EPOCH`.
    public static func now(environment: [String: String]) -> Result<Date, MetadataError> {
        guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return .success(Date()) }
        guard let seconds = Int64(text), seconds >= 0 else {
            return .failure(MetadataError(
                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got '\(text)'",
                hint: "Unset SOURCE_DATE_EPOCH or set it to, for example, $(git log -1 --format=%ct)."))
        }
        return .success(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
