import Foundation
import JavaScriptCompat

/// The `DOCKER_METADATA_*` variables metadata-action honours and the clock, given to the pure
/// engine as values.
public struct MetadataSettings: Sendable, Equatable {
    /// "Now": `SOURCE_DATE_EPOCH` when set, else the real time (decided by the caller).
    public var now: Date
    /// `DOCKER_METADATA_SHORT_SHA_LENGTH` (nil or empty: 7).
    public var shortSHALength: String?
    /// `DOCKER_METADATA_ANNOTATIONS_LEVELS` (nil or empty: `manifest`).
    public var annotationLevels: String?
    /// The time of the `org.opencontainers.image.created` label and annotation; nil: `now`, as
    /// metadata-action does. The main step gives the commit's time, so that a re-run of a
    /// release builds the same image.
    public var created: Date?

    /// Settings from their parts.
    public init(now: Date, shortSHALength: String? = nil, annotationLevels: String? = nil, created: Date? = nil) {
        self.now = now
        self.shortSHALength = shortSHALength
        self.annotationLevels = annotationLevels
        self.created = created
    }

    /// Reads the `DOCKER_METADATA_*` variables from `environment`.
    public init(environment: [String: String], now: Date) {
        self.init(
            now: now,
            shortSHALength: environment["DOCKER_METADATA_SHORT_SHA_LENGTH"],
            annotationLevels: environment["DOCKER_METADATA_ANNOTATIONS_LEVELS"])
    }

    /// The annotation levels, split at commas.
    public var levels: [String] {
        (annotationLevels?.nonEmpty ?? "manifest").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// `Meta.shortSha`: the first N characters of `sha` (N from `DOCKER_METADATA_SHORT_SHA_LENGTH`).
    public func shortSHA(_ sha: String?) throws(MetadataError) -> String {
        var length = 7.0
        if let text = shortSHALength, !text.isEmpty {
            let number = JavaScriptNumber.number(text)
            guard !number.isNaN else {
                throw MetadataError("DOCKER_METADATA_SHORT_SHA_LENGTH is not a valid number: \(text)", hint: "Set DOCKER_METADATA_SHORT_SHA_LENGTH to a whole number, like 12.")
            }
            length = number
        }
        guard let sha else {
            throw MetadataError("Cannot read properties of undefined (reading 'length')", hint: "GITHUB_SHA is not set: the commit is unknown.")
        }
        let units = Array(sha.utf16)
        if length >= Double(units.count) { return sha }
        let end = length.isFinite ? max(0, Int(length.rounded(.towardZero))) : 0
        return String(decoding: units[0..<min(end, units.count)], as: UTF16.self)
    }
}
