import JavaScriptCompat

/// The bake file the action builds from: each published target as print resolved it, with
/// what the action decides laid over it (platforms, the OCI layout it publishes from, the
/// metadata's labels and annotations, SOURCE_DATE_EPOCH, the inputs that apply to every
/// target, the cache), and without `tags` (the tag rules name the images). Targets only used as
/// another's context stay as they are. Pure: the exact JSON is a function of the inputs.
public struct BakeBuildFile: Sendable {
    /// What applies to every published target.
    public struct Options: Sendable {
        /// `platforms` when the input was given: it wins over a target's own.
        public var platforms: PlatformList?
        /// For targets that declare none (the action's default, amd64 and arm64).
        public var defaultPlatforms: PlatformList
        /// The metadata engine's `key=value` labels (they win over the file's).
        public var labels: [String] = []
        /// The metadata engine's `level:key=value` annotations (added to the file's).
        public var annotations: [String] = []
        /// `build-args` (they win over the file's).
        public var buildArgs: [(key: String, value: String)] = []
        /// The commit's time, unless a build argument sets SOURCE_DATE_EPOCH.
        public var sourceDateEpoch: Int?
        /// `secrets`: each id and its 0600 file.
        public var secretFiles: [(id: String, path: String)] = []
        public var pull = false
        public var noCache = false
        /// `provenance` and `sbom` as buildx takes them, nil for the file's (or buildx's) choice.
        public var provenance: String?
        public var sbom: String?
        /// Each target's cache sources and destinations (used when the file gives none).
        public var cache: @Sendable (_ target: String) -> (from: [String], to: [String]) = { _ in ([], []) }
        /// How the published layers are compressed.
        public var compression: LayerCompression = .standard
        /// Whether the run publishes: then each target goes to an OCI layout and exports its cache.
        public var push: Bool
        /// The layout directory of a target.
        public var layoutDirectory: @Sendable (_ target: String) -> String

        /// Options; see the properties.
        public init(defaultPlatforms: PlatformList, push: Bool, layoutDirectory: @escaping @Sendable (String) -> String) {
            self.defaultPlatforms = defaultPlatforms
            self.push = push
            self.layoutDirectory = layoutDirectory
        }
    }

    /// The definition print resolved.
    public let definition: BakeDefinition
    /// The targets published, in order.
    public let targets: [String]
    public let options: Options

    /// A file for `targets` of `definition`.
    public init(definition: BakeDefinition, targets: [String], options: Options) {
        self.definition = definition
        self.targets = targets
        self.options = options
    }

    /// The platforms a target is built for.
    public func platforms(of target: String) -> [String] {
        options.platforms?.platforms.map(\.description) ?? definition.platforms(of: target) ?? options.defaultPlatforms.platforms.map(\.description)
    }

    /// The build file's JSON.
    public var json: JSONText {
        var members: [String: JSONValue] = [:]
        for (name, attributes) in definition.targets {
            members[name] = .object(targets.contains(name) ? published(name, attributes) : attributes)
        }
        return JSONText.from(.object(["target": .object(members)]))
    }

    /// The file that loads one platform of `target` into the engine under `tags`, from the build
    /// cache: no cache export, no attestations, no annotations, neither pull nor no-cache.
    public func loadJSON(target: String, platform: Platform, tags: [String]) -> JSONText {
        var members = definition.targets.mapValues(JSONValue.object)
        var attributes = published(target, definition.targets[target] ?? [:])
        attributes["platforms"] = .array([.string(platform.description)])
        attributes["output"] = .array([.string("type=docker")])
        attributes["tags"] = .array(tags.map(JSONValue.string))
        attributes["attest"] = .array([.string("type=provenance,disabled=true"), .string("type=sbom,disabled=true")])
        for key in ["cache-to", "annotations", "pull", "no-cache"] { attributes[key] = nil }
        members[target] = .object(attributes)
        return JSONText.from(.object(["target": .object(members)]))
    }

    /// One published target's attributes with the action's laid over them.
    private func published(_ name: String, _ original: [String: JSONValue]) -> [String: JSONValue] {
        var attributes = original
        attributes["tags"] = nil
        attributes["platforms"] = .array(platforms(of: name).map(JSONValue.string))
        let reproducible = options.sourceDateEpoch != nil || definition.stringMap("args", of: name)["SOURCE_DATE_EPOCH"] != nil
            || options.buildArgs.contains { $0.key == "SOURCE_DATE_EPOCH" }
        let output = options.push
            ? "type=oci,dest=\(options.layoutDirectory(name)),tar=false" + (reproducible ? ",rewrite-timestamp=true" : "") + options.compression.exporterAttributes
            : "type=cacheonly"
        attributes["output"] = .array([.string(output)])
        var labels = definition.stringMap("labels", of: name)
        for label in options.labels {
            let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            labels[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        if !labels.isEmpty { attributes["labels"] = .object(labels.mapValues(JSONValue.string)) }
        let annotations = definition.strings("annotations", of: name) + options.annotations
        if !annotations.isEmpty { attributes["annotations"] = .array(annotations.map(JSONValue.string)) }
        var args = definition.stringMap("args", of: name)
        for (key, value) in options.buildArgs { args[key] = value }
        if let epoch = options.sourceDateEpoch, args["SOURCE_DATE_EPOCH"] == nil { args["SOURCE_DATE_EPOCH"] = String(epoch) }
        if !args.isEmpty { attributes["args"] = .object(args.mapValues(JSONValue.string)) }
        let secrets = definition.strings("secret", of: name) + options.secretFiles.map { "id=\($0.id),src=\($0.path)" }
        if !secrets.isEmpty { attributes["secret"] = .array(secrets.map(JSONValue.string)) }
        if options.pull { attributes["pull"] = .bool(true) }
        if options.noCache { attributes["no-cache"] = .bool(true) }
        let attest = attestations(original: definition.strings("attest", of: name))
        if !attest.isEmpty { attributes["attest"] = .array(attest.map(JSONValue.string)) }
        let cache = options.cache(name)
        if definition.strings("cache-from", of: name).isEmpty, !cache.from.isEmpty { attributes["cache-from"] = .array(cache.from.map(JSONValue.string)) }
        if !options.push {
            attributes["cache-to"] = nil
        } else if definition.strings("cache-to", of: name).isEmpty, !cache.to.isEmpty {
            attributes["cache-to"] = .array(cache.to.map(JSONValue.string))
        }
        return attributes
    }

    /// The file's `attest` entries with `provenance` and `sbom` from the inputs replacing those
    /// of the same type (`false` disables; `true` is buildx's default mode).
    private func attestations(original: [String]) -> [String] {
        var entries = original
        for (type, value) in [("provenance", options.provenance), ("sbom", options.sbom)] {
            guard let value else { continue }
            entries.removeAll { $0.hasPrefix("type=\(type)") }
            switch value.lowercased() {
            case "false", "0": entries.append("type=\(type),disabled=true")
            case "true", "1": entries.append("type=\(type)")
            default: entries.append("type=\(type),\(value)")
            }
        }
        return entries
    }
}
