/// One `docker buildx build` for every platform, decided from the inputs and the metadata
/// engine without running anything: the exact arguments are a pure function of the plan.
public struct BuildPlan: Sendable, Equatable {
    /// The build context directory (`context`, default the workspace).
    public var contextPath: String
    /// The Dockerfile (`file`), or nil for `<context>/Dockerfile`.
    public var dockerfile: String?
    /// The target platforms.
    public var platforms: PlatformList
    /// Full image tags (`registry/repository:tag`), every registry.
    public var tags: [String]
    /// `key=value` labels from the metadata engine.
    public var labels: [String]
    /// `level:key=value` annotations from the metadata engine.
    public var annotations: [String]
    /// `build-args`.
    public var buildArgs: KeyValueList
    /// Secret ids (`secrets`); their values go through 0600 files, never argv.
    public var secretIDs: [String]
    /// `target`.
    public var target: String?
    /// `pull`: always pull newer base images.
    public var pull: Bool
    /// `no-cache`.
    public var noCache: Bool
    /// `provenance` (buildx attestation value, e.g. `mode=max`), nil for buildx's default.
    public var provenance: String?
    /// `sbom`, nil for buildx's default.
    public var sbom: String?
    /// `cache-from` entries.
    public var cacheFrom: [String]
    /// `cache-to` entries (dropped when not pushing: a cache export is a push).
    public var cacheTo: [String]
    /// Whether to push.
    public var push: Bool
    /// Where buildx writes its result (`--metadata-file`).
    public var metadataFile: String
    /// The builder to use, nil for the current one.
    public var builder: String?
    /// `SOURCE_DATE_EPOCH` for the build (the commit's time: reproducible image timestamps),
    /// unless `build-args` sets it.
    public var sourceDateEpoch: Int?
    /// How the published layers are compressed.
    public var compression: LayerCompression = .standard
    /// When publishing: the OCI layout directory buildx writes the image to, from which the
    /// action pushes it to each registry itself; nil lets buildx push (`--push`).
    public var layoutDirectory: String?

    /// A plan; see the properties.
    public init(
        contextPath: String, dockerfile: String? = nil, platforms: PlatformList, tags: [String], labels: [String] = [],
        annotations: [String] = [], buildArgs: KeyValueList, secretIDs: [String] = [], target: String? = nil,
        pull: Bool = false, noCache: Bool = false, provenance: String? = nil, sbom: String? = nil,
        cacheFrom: [String] = [], cacheTo: [String] = [], push: Bool, metadataFile: String, builder: String? = nil,
        layoutDirectory: String? = nil
    ) {
        self.contextPath = contextPath
        self.dockerfile = dockerfile
        self.platforms = platforms
        self.tags = tags
        self.labels = labels
        self.annotations = annotations
        self.buildArgs = buildArgs
        self.secretIDs = secretIDs
        self.target = target
        self.pull = pull
        self.noCache = noCache
        self.provenance = provenance
        self.sbom = sbom
        self.cacheFrom = cacheFrom
        self.cacheTo = cacheTo
        self.push = push
        self.metadataFile = metadataFile
        self.builder = builder
        self.layoutDirectory = layoutDirectory
    }

    /// The `docker` arguments. `secretFiles` maps each secret id to its 0600 file.
    public func buildxArguments(secretFiles: [String: String]) -> [String] {
        var arguments = commonArguments(secretFiles: secretFiles)
        if push {
            for destination in cacheTo { arguments += ["--cache-to", destination] }
        }
        arguments += ["--metadata-file", metadataFile]
        if let layout = layoutDirectory, push {
            // With SOURCE_DATE_EPOCH, every file's time in the layers becomes it too, so a rebuild
            // of the same sources on another machine (no build cache) makes the same layers and a
            // re-run release does not have to move its tags (BuildKit 0.13+).
            let reproducible = sourceDateEpoch != nil || buildArgs["SOURCE_DATE_EPOCH"] != nil
            arguments += ["--output", "type=oci,dest=\(layout),tar=false" + (reproducible ? ",rewrite-timestamp=true" : "") + compression.exporterAttributes]
        } else {
            // a build that does not publish keeps only the build cache (no image in the engine)
            arguments += push ? ["--push"] : ["--output", "type=cacheonly"]
        }
        arguments.append(contextPath)
        return arguments
    }

    /// The `docker` arguments that put `platform`'s image into the engine under `tags`, built
    /// again from the build cache the main build left: the same sources, arguments, labels and
    /// target, but neither `--pull` nor `--no-cache` (either would rebuild what was just built,
    /// and `pull` could even take a newer base image), no cache export, no metadata file, no
    /// attestations and no annotations (the engine's image store takes neither an attestation
    /// manifest nor an index annotation for one platform).
    public func loadArguments(platform: Platform, tags: [String], secretFiles: [String: String]) -> [String] {
        var single = self
        single.platforms = PlatformList(platform)
        single.tags = tags
        single.annotations = []
        single.pull = false
        single.noCache = false
        single.provenance = "false"
        single.sbom = "false"
        single.layoutDirectory = nil
        return single.commonArguments(secretFiles: secretFiles, tagged: true) + ["--load", contextPath]
    }

    /// The arguments every build shares, up to the cache sources; `tagged` puts `--tag`s.
    private func commonArguments(secretFiles: [String: String], tagged: Bool? = nil) -> [String] {
        var arguments = ["buildx", "build"]
        if let builder { arguments += ["--builder", builder] }
        arguments += ["--platform", platforms.description]
        if let dockerfile { arguments += ["--file", dockerfile] }
        if tagged ?? !(push && layoutDirectory != nil) {
            for tag in tags { arguments += ["--tag", tag] }
        }
        for label in labels { arguments += ["--label", label] }
        for annotation in annotations { arguments += ["--annotation", annotation] }
        for assignment in buildArgs.assignments { arguments += ["--build-arg", assignment] }
        if let sourceDateEpoch, buildArgs["SOURCE_DATE_EPOCH"] == nil {
            arguments += ["--build-arg", "SOURCE_DATE_EPOCH=\(sourceDateEpoch)"]
        }
        for id in secretIDs {
            if let file = secretFiles[id] { arguments += ["--secret", "id=\(id),src=\(file)"] }
        }
        if let target { arguments += ["--target", target] }
        if pull { arguments.append("--pull") }
        if noCache { arguments.append("--no-cache") }
        if let provenance { arguments += ["--provenance", provenance] }
        if let sbom { arguments += ["--sbom", sbom] }
        for source in cacheFrom { arguments += ["--cache-from", source] }
        return arguments
    }
}
