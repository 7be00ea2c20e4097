import Foundation

/// "Now" for a run: `SOURCE_DATE_EPOCH` (reproducible builds) when set, else the real time.
/// https://reproducible-builds.org/specs/source-date-epoch/
public enum Clock {
    /// The instant to use as now, or an error for a malformed `SOURCE_DATE_EPOCH`.
    public static func now(environment: [String: String]) -> Result<Date, SourceDateEpochError> {
        guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return .success(Date()) }
        guard let seconds = Int64(text), seconds >= 0 else { return .failure(.malformed(text)) }
        return .success(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
