import Foundation
import JavaScriptCompat

/// docker/metadata-action's engine (src/meta.ts) as a pure function: from inputs, the GitHub
/// context, the repository data and the settings to the version, tags, labels and annotations.
public struct MetadataEngine: Sendable {
    /// The parsed inputs.
    public let inputs: MetadataInputs
    /// The (adjusted) GitHub context, commit date included.
    public let context: GitHubContext
    /// The repository data from the REST API.
    public let repository: RepositoryInfo
    /// Clock and `DOCKER_METADATA_*` knobs.
    public let settings: MetadataSettings
    /// The enabled-or-not images.
    public let images: [ImageSpec]
    /// The tag rules, highest priority first.
    public let rules: [TagRule]
    /// The flavor.
    public let flavor: Flavor
    /// The IANA zones for `{{date ... tz=...}}`.
    public let zones: any ZoneDatabase

    let scope: ExpressionScope

    /// Parses images, tags and flavor, in metadata-action's order, throwing its errors.
    public init(inputs: MetadataInputs, context: GitHubContext, repository: RepositoryInfo, settings: MetadataSettings, zones: any ZoneDatabase) throws(MetadataError) {
        self.inputs = inputs
        self.zones = zones
        self.context = context
        self.repository = repository
        self.settings = settings
        images = try ImageSpec.images(parsing: inputs.images)
        rules = try TagRule.rules(from: inputs.tags)
        flavor = try Flavor(parsing: inputs.flavor)
        scope = ExpressionScope(context: context, settings: settings, zones: zones)
    }

    /// Runs every rule and renders every output. Warnings are appended to `warnings` as they
    /// arise, so that those printed before a failure survive it.
    public func run(warnings: inout [String]) throws(MetadataError) -> MetadataResult {
        let version = try computeVersion(warnings: &warnings)
        let labels = try ociAnnotations(extra: inputs.labels, version: version)
        let annotations = try ociAnnotations(extra: inputs.annotations, version: version)
        return MetadataResult(
            version: version,
            imageNames: images.filter(\.enabled).map { $0.name.lowercased() },
            flavor: flavor,
            labels: labels,
            annotations: annotations,
            annotationLevels: settings.levels,
            bakeTarget: inputs.bakeTarget,
            warnings: warnings)
    }

    /// `getVersion`: every enabled rule in priority order.
    func computeVersion(warnings: inout [String]) throws(MetadataError) -> ImageVersion {
        var version = ImageVersion()
        for rule in rules {
            let enabled = try scope.evaluate(rule["enable"] ?? "true")
            guard enabled == "true" || enabled == "false" else {
                throw MetadataError("Invalid value for enable attribute: \(enabled)", hint: "enable= takes true or false (lower case), or an expression giving one.")
            }
            guard enabled == "true" else { continue }
            var processor = RuleProcessor(rule: rule, engine: self)
            if let (value, auto) = try processor.process() {
                version.add(value, latest: flavor.latest(auto: auto))
            }
            warnings.append(contentsOf: processor.warnings)
        }
        version.finish()
        return version
    }

    /// `setValue`: the rule's own prefix/suffix (evaluated), else the flavor's.
    func decorate(_ value: String, rule: TagRule) throws(MetadataError) -> String {
        var result = value
        if let prefix = rule["prefix"] {
            result = try scope.evaluate(prefix) + result
        } else if !flavor.prefix.isEmpty {
            result = try scope.evaluate(flavor.prefix) + result
        }
        if let suffix = rule["suffix"] {
            result += try scope.evaluate(suffix)
        } else if !flavor.suffix.isEmpty {
            result += try scope.evaluate(flavor.suffix)
        }
        return result
    }

    /// The OCI annotations metadata-action derives plus the user's, deduplicated by key (last
    /// value wins, first position kept) and sorted by key in ICU (en-US) collation order.
    func ociAnnotations(extra: [String], version: ImageVersion) throws(MetadataError) -> [String] {
        var entries = [
            "org.opencontainers.image.title=\(repository.name ?? "")",
            "org.opencontainers.image.description=\(repository.description ?? "")",
            "org.opencontainers.image.url=\(repository.htmlURL ?? "")",
            "org.opencontainers.image.source=\(repository.htmlURL ?? "")",
            "org.opencontainers.image.version=\(version.main ?? "")",
            "org.opencontainers.image.created=\(ISOTimestamp.string(settings.created ?? settings.now))",
            "org.opencontainers.image.revision=\(context.sha ?? "")",
            "org.opencontainers.image.licenses=\(repository.licenseSPDX ?? "")",
        ]
        for label in extra {
            entries.append(try scope.evaluate(label))
        }
        var keys: [String] = []
        var values: [String: String] = [:]
        for entry in entries {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let key = String(entry[..<equals])
            if values[key] == nil { keys.append(key) }
            values[key] = String(entry[entry.index(after: equals)...])
        }
        let locale = Locale(identifier: "en_US")
        let sorted = JavaScriptSort.sorted(keys) { first, second in
            switch first.compare(second, options: [], range: nil, locale: locale) {
            case .orderedAscending: return -1
            case .orderedDescending: return 1
            case .orderedSame: return 0
            }
        }
        return sorted.map { "\($0)=\(values[$0] ?? "")" }
    }
}
