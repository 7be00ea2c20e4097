/// The `flavor` input: the `latest` policy and the global prefix and suffix (src/flavor.ts).
import JavaScriptCompat

public struct Flavor: Sendable, Equatable {
    /// `latest`: `auto`, `true` or `false`.
    public var latest: String = "auto"
    /// `prefix`, added to every tag that sets none of its own.
    public var prefix: String = ""
    /// Whether `prefix` also goes on `latest` (`onlatest=true` after `prefix=`).
    public var prefixLatest = false
    /// `suffix`, added to every tag that sets none of its own.
    public var suffix: String = ""
    /// Whether `suffix` also goes on `latest`.
    public var suffixLatest = false

    /// The default flavor.
    public init() {}

    /// Parses the entries in order; later entries override earlier ones.
    public init(parsing entries: [String]) throws(MetadataError) {
        for entry in entries {
            try apply(entry)
        }
    }

    private mutating func apply(_ entry: String) throws(MetadataError) {
        var onLatestFor = ""
        for field in try TagRule.fields(of: entry, input: "flavor") {
            let parts = field.split(separator: "=", omittingEmptySubsequences: false).map { JavaScriptNumber.trimJavaScriptWhitespace(String($0)) }
            guard parts.count > 1 else {
                throw MetadataError("Invalid flavor entry: \(entry)", hint: "Flavor entries are key=value: latest=, prefix=, suffix=, onlatest=.")
            }
            let value = parts[1]
            switch parts[0].lowercased() {
            case "latest":
                latest = value
                guard ["auto", "true", "false"].contains(value) else {
                    throw MetadataError("Invalid latest flavor entry: \(entry)", hint: "latest= takes auto, true or false.")
                }
            case "prefix":
                prefix = value
                onLatestFor = "prefix"
            case "suffix":
                suffix = value
                onLatestFor = "suffix"
            case "onlatest":
                guard ["true", "false"].contains(value) else {
                    throw MetadataError("Invalid value for onlatest attribute: \(value)", hint: "onlatest= takes true or false.")
                }
                if onLatestFor == "prefix" { prefixLatest = value == "true" }
                if onLatestFor == "suffix" { suffixLatest = value == "true" }
            default:
                throw MetadataError("Unknown flavor entry: \(entry)", hint: "Known flavor keys: latest, prefix, suffix, onlatest.")
            }
        }
    }

    /// What `latest=` decides given the rule's own `auto` answer.
    public func latest(auto: Bool) -> Bool {
        latest == "auto" ? auto : latest == "true"
    }
}
