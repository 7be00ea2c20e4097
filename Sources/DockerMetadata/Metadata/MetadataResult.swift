/// Everything `openkf-build metadata` outputs, rendered as metadata-action renders it.
import JavaScriptCompat

public struct MetadataResult: Sendable, Equatable {
    /// The computed version.
    public let version: ImageVersion
    /// The enabled images, lower-cased.
    public private(set) var imageNames: [String]
    /// The flavor (for the `latest` tag's prefix and suffix).
    public let flavor: Flavor
    /// `key=value` labels, sorted.
    public var labels: [String] { labelsStorage }
    /// `key=value` annotations, sorted, without level.
    public var annotations: [String] { annotationsStorage }
    private var labelsStorage: [String]
    private var annotationsStorage: [String]
    /// The annotation levels (`manifest`, `index`, ...).
    public let annotationLevels: [String]
    /// The bake target name.
    public let bakeTarget: String
    /// Warnings metadata-action prints, in order.
    public let warnings: [String]

    /// A result from its parts; `warnings` gets the "nothing generated" warnings appended.
    public init(version: ImageVersion, imageNames: [String], flavor: Flavor, labels: [String], annotations: [String], annotationLevels: [String], bakeTarget: String, warnings: [String]) {
        self.version = version
        self.imageNames = imageNames
        self.flavor = flavor
        self.labelsStorage = labels
        self.annotationsStorage = annotations
        self.annotationLevels = annotationLevels
        self.bakeTarget = bakeTarget
        var all = warnings
        if version.main == nil {
            all.append("No Docker image version has been generated. Check tags input.")
            all.append("No Docker tag has been generated. Check tags input.")
        }
        self.warnings = all
    }

    /// The same result for other image names (a bake target's, `{target}` replaced).
    public func replacingImageNames(_ names: [String]) -> MetadataResult {
        var copy = self
        copy.imageNames = names
        return copy
    }

    /// Tag names without image (`tag-names`).
    public var tagNames: [String] {
        guard let main = version.main else { return [] }
        var names = [main] + version.partial
        if version.latest == true {
            let latest = (flavor.prefixLatest ? flavor.prefix : "") + "latest" + (flavor.suffixLatest ? flavor.suffix : "")
            names.append(ImageVersion.sanitizeTag(latest))
        }
        return names
    }

    /// Full tags (`tags`): every enabled image with every tag name, or the names alone.
    public var tags: [String] {
        let names = tagNames
        guard !imageNames.isEmpty else { return names }
        return imageNames.flatMap { image in names.map { "\(image):\($0)" } }
    }

    /// Annotations with each level (`annotations`), level by level.
    public var leveledAnnotations: [String] {
        annotationLevels.flatMap { level in annotations.map { "\(level):\($0)" } }
    }

    /// The `json` output (compact).
    public var json: String {
        JSONText.object([
            ("tags", .array(tags.map(JSONText.string))),
            ("tag-names", .array(tagNames.map(JSONText.string))),
            ("labels", JSONText.labelObject(labels)),
            ("annotations", .array(leveledAnnotations.map(JSONText.string))),
        ]).compact
    }

    private var bakeArgs: JSONText {
        .object([
            ("DOCKER_META_IMAGES", .string(imageNames.joined(separator: ","))),
            ("DOCKER_META_VERSION", version.main.map(JSONText.string)),
        ])
    }

    private func bakeFile(_ members: [(String, JSONText?)]) -> String {
        JSONText.object([("target", .object([(bakeTarget, .object(members))]))]).pretty
    }

    /// The bake definitions by output name (`bake-file-tags`, ..., `bake-file`), in output order.
    public var bakeFiles: [(output: String, fileSuffix: String, content: String)] {
        let tagList = JSONText.array(tags.map(JSONText.string))
        let labelObject = JSONText.labelObject(labels)
        return [
            ("bake-file-tags", "-tags", bakeFile([("tags", tagList), ("args", bakeArgs)])),
            ("bake-file-labels", "-labels", bakeFile([("labels", labelObject)])),
            ("bake-file-annotations", "-annotations", bakeFile([("annotations", .array(leveledAnnotations.map(JSONText.string)))])),
            ("bake-file", "", bakeFile([("tags", tagList), ("labels", labelObject), ("args", bakeArgs)])),
        ]
    }

    /// The outputs in metadata-action's order; `bakePaths` maps bake outputs to file paths.
    public func outputs(separators: (tags: String, labels: String, annotations: String), bakePaths: [String: String]) -> [(name: String, value: String)] {
        var list: [(String, String)] = [
            ("version", version.main ?? ""),
            ("tags", tags.joined(separator: separators.tags)),
            ("tag-names", tagNames.joined(separator: separators.tags)),
            ("labels", labels.joined(separator: separators.labels)),
            ("annotations", leveledAnnotations.joined(separator: separators.annotations)),
            ("json", json),
        ]
        for file in bakeFiles {
            list.append((file.output, bakePaths[file.output] ?? ""))
        }
        return list
    }

    /// Equality of every rendered part.
    public static func == (lhs: MetadataResult, rhs: MetadataResult) -> Bool {
        lhs.version == rhs.version && lhs.tags == rhs.tags && lhs.labels == rhs.labels && lhs.leveledAnnotations == rhs.leveledAnnotations && lhs.warnings == rhs.warnings && lhs.json == rhs.json
    }
}
