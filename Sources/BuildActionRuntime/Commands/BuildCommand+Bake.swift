import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry

/// `bake-files`: many images in one step. Bake resolves the files, one bake builds every
/// target (sharing the logins, emulation, builder and build cache), each target is tested and
/// published to its own image names, and one target's failure costs only its own images.
extension BuildCommand {
    /// The resolved bake definition and each target's image names.
    struct BakeRun: Sendable {
        let definition: BakeDefinition
        let images: TargetImages
    }

    /// `docker buildx bake --print` of the files and targets, in the workspace (where bake
    /// resolves relative paths and reads no other file).
    func resolveBake(_ inputs: BuildActionInputs) async throws -> BakeDefinition {
        for file in inputs.bakeFiles where !file.contains("://") {
            let path = file.hasPrefix("/") ? file : workspace + "/" + file
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError(input: "bake-files", value: file, reason: "does not exist in the workspace",
                                 fix: "Check out the repository first (actions/checkout) and give the file's path relative to it, like docker-bake.hcl or compose.yaml.")
            }
        }
        let arguments = ["buildx", "bake", "--print"] + inputs.bakeFiles.flatMap { ["--file", $0] } + inputs.bakeTargets
        let printed = try await runner.run(Command("docker", arguments, workingDirectory: workspace), input: nil)
        guard printed.status == 0 else {
            throw InputError(input: inputs.bakeTargets.isEmpty ? "bake-files" : "bake-targets",
                             value: (inputs.bakeTargets.isEmpty ? inputs.bakeFiles : inputs.bakeTargets).joined(separator: ","),
                             reason: "could not be resolved by docker buildx bake --print: " + Self.lastLines(printed.standardError, count: 3),
                             fix: "Run docker buildx bake --print with the same files and targets locally to see the definition.")
        }
        return try BakeDefinition(printed: Data(printed.standardOutput.utf8), files: inputs.bakeFiles.joined(separator: ","))
    }

    /// Emulation, builder, one bake of every target into OCI layouts, the smoke tests, then
    /// (when pushing) the release tag check and each target's push to its image names.
    func bakeAndPublish(_ run: Run, bake: BakeRun, session: DockerSession) async throws -> Outcome {
        let inputs = run.inputs, log = run.log
        let copied = try await resumeTargets(run, bake: bake, session: session)
        let names = bake.images.groups.map(\.target).filter { copied[$0] == nil }
        guard !names.isEmpty else { return combine(copied, into: nil, bake: bake) }
        let file = try bakeFile(run, bake: bake, session: session, targets: names)
        let platforms = try PlatformList(parsing: names.flatMap(file.platforms).joined(separator: ","))
        try await ensureEmulation(platforms, image: inputs.qemuImage.description, session: session, log: log)
        let builder = try await prepareBuilder(session: session, endpoint: inputs.builderEndpoint, tls: inputs.builderTLS,
                                               buildkitImage: inputs.buildkitImage.description, log: log)
        return try await withCleanup {
            let path = try during(.build) { try session.privateFile(named: "bake.json", contents: file.json.pretty) }
            let built = try await bakeTargets(names, file: path, builder: builder.buildName, session: session, log: log)
            let succeeded = names.filter { built.failures[$0] == nil }
            try await testAndLoad(succeeded.map { target in localSource(target, file: file, run: run, bake: bake, builder: builder.buildName, session: session) },
                                  inputs: inputs, session: session, log: log)
            var outcome = Outcome(publications: [], digest: nil, buildMetadata: Data(built.metadata.compact.utf8), platforms: platforms.platforms.map(\.description))
            guard run.push else {
                guard built.failures.isEmpty else { throw ActionError(.build, messages: names.compactMap { built.failures[$0] }) }
                return outcome
            }
            outcome.publications = try await publishTargets(succeeded, run: run, bake: bake, file: file, outcome: &outcome)
            outcome.publications += failedBuildPublications(built.failures, run: run, bake: bake)
            return combine(copied, into: outcome, bake: bake)
        } cleanup: {
            if let remove = builder.removeArguments { _ = try? await session.run(remove) }
        }
    }

    /// The bake file for this run: the action's platforms, labels, annotations, inputs and
    /// cache over each target.
    private func bakeFile(_ run: Run, bake: BakeRun, session: DockerSession, targets: [String]) throws -> BakeBuildFile {
        let inputs = run.inputs
        let layouts = session.configDirectory + "/oci"
        var options = BakeBuildFile.Options(defaultPlatforms: inputs.platforms, push: run.push) { layouts + "/" + $0 }
        options.platforms = inputs.explicitPlatforms
        options.labels = run.result.labels
        options.annotations = run.result.leveledAnnotations
        options.buildArgs = inputs.buildArgs.entries.map { ($0.key, $0.value) }
        options.sourceDateEpoch = run.sourceDateEpoch
        options.secretFiles = try inputs.secrets.entries.map { ($0.id, try session.secretFile(named: $0.id, value: $0.value)) }
        options.pull = inputs.pull
        options.noCache = inputs.noCache
        options.provenance = inputs.provenance
        options.sbom = inputs.sbom
        options.compression = inputs.compression
        let firstImages = Dictionary(uniqueKeysWithValues: bake.images.groups.map { group in
            (group.target, group.images.first.flatMap { try? ImageReference.normalized($0) }.map { $0.registry + "/" + $0.repository })
        })
        let cache = inputs.cache, from = inputs.cacheFrom, to = inputs.cacheTo
        // mode: platform: each platform job keeps its own cache, as for one Dockerfile
        let platform = inputs.mode == .platform ? inputs.platforms.platforms.first : nil
        options.cache = { target in
            firstImages[target].flatMap { $0 }.map { cache.arguments(image: $0, platform: platform, explicitFrom: from, explicitTo: to) } ?? ([], [])
        }
        return BakeBuildFile(definition: bake.definition, targets: targets, options: options)
    }

    /// Each target whose release a registry already serves, copied from there to its image
    /// names instead of built (see `resumeRelease`); the others are built.
    private func resumeTargets(_ run: Run, bake: BakeRun, session: DockerSession) async throws -> [String: Outcome] {
        var copied: [String: Outcome] = [:]
        for group in bake.images.groups {
            let narrowed = run.narrowed(to: run.targets.filter { group.images.contains($0.name) })
            if let outcome = try await resumeRelease(narrowed, session: session) { copied[group.target] = outcome }
        }
        return copied
    }

    /// The built targets' outcome with the copied ones' publications, digests and sizes, in
    /// the order of the targets; `digest` is the one target's when there is one.
    private func combine(_ copied: [String: Outcome], into built: Outcome?, bake: BakeRun) -> Outcome {
        var outcome = built ?? Outcome(publications: [], digest: nil, buildMetadata: Data("{}".utf8), platforms: [])
        for group in bake.images.groups {
            guard let copy = copied[group.target] else { continue }
            outcome.publications += copy.publications
            if let digest = copy.digest { outcome.targetDigests.append((group.target, digest)) }
            outcome.sizes += copy.sizes.map { ("\(group.target) \($0.platform)", $0.bytes) }
            for name in group.images { outcome.expectedPlatforms[name] = copy.platforms }
            outcome.platforms = Array(Set(outcome.platforms + copy.platforms)).sorted()
        }
        let order = bake.images.groups.map(\.target)
        outcome.targetDigests.sort { (order.firstIndex(of: $0.target) ?? 0) < (order.firstIndex(of: $1.target) ?? 0) }
        outcome.digest = outcome.targetDigests.count == 1 && order.count == 1 ? outcome.targetDigests[0].digest : nil
        return outcome
    }

    /// What the bakes built: each failed target's error, and bake's metadata of each target.
    struct BakeResult {
        var failures: [String: String] = [:]
        var metadata = JSONText.object([])
    }

    /// One bake of every target; when it fails, each target again on its own (from the cache
    /// the first bake left), so that one target's failure does not cost the others. Every
    /// target failing stops the run.
    private func bakeTargets(_ names: [String], file: String, builder: String?, session: DockerSession, log: OperationLog) async throws -> BakeResult {
        let metadataFile = session.configDirectory + "/bake-metadata.json"
        var result = BakeResult()
        var metadata: [String: JSONValue] = [:]
        func bake(_ targets: [String]) async throws -> CommandResult {
            try? FileManager.default.removeItem(atPath: metadataFile)
            let arguments = ["buildx", "bake"] + (builder.map { ["--builder", $0] } ?? []) + ["--file", file, "--metadata-file", metadataFile] + targets
            let baked = try await streamBuild(arguments, session: session, title: "docker buildx bake (\(targets.joined(separator: ", ")))", workingDirectory: workspace,
                                              operation: "buildx bake \(targets.joined(separator: " "))", log: log)
            if baked.status == 0, let data = FileManager.default.contents(atPath: metadataFile), case .object(let members)? = try? JSONValue(parsing: data) {
                metadata.merge(members) { $1 }
            }
            return baked
        }
        let all = try await bake(names)
        if all.status != 0 {
            guard names.count > 1 else {
                throw ActionError(.build, "The build of \(names[0]) failed (docker buildx bake exited with \(all.status)):\n" + Self.lastLines(log.redact(all.standardError)))
            }
            commands.warning("The bake of \(names.count) targets failed; building each target on its own to find which (from the cache).")
            for name in names {
                let alone = try await bake([name])
                if alone.status != 0 {
                    result.failures[name] = "The build of \(name) failed (docker buildx bake exited with \(alone.status)):\n" + Self.lastLines(log.redact(alone.standardError))
                    commands.error(result.failures[name] ?? "")
                }
            }
            if result.failures.count == names.count {
                throw ActionError(.build, "Every target failed to build (\(names.joined(separator: ", "))); nothing was pushed.")
            }
        }
        result.metadata = JSONText.from(.object(metadata))
        return result
    }

    /// Where the test step loads a target's platforms from: bake again, that target alone, one
    /// platform, into the engine.
    private func localSource(_ target: String, file: BakeBuildFile, run: Run, bake: BakeRun, builder: String?, session: DockerSession) -> LocalImageSource {
        let images = bake.images.groups.first { $0.target == target }?.images ?? []
        let platforms = (try? PlatformList(parsing: file.platforms(of: target).joined(separator: ","))) ?? run.inputs.platforms
        var source = LocalImageSource(target: target, platforms: platforms, tags: images.flatMap { image in run.tagNames.map { "\(image):\($0)" } }) { platform, tags in
            let path = try session.privateFile(named: "bake-load-\(target)-\(platform.architecture).json",
                                               contents: file.loadJSON(target: target, platform: platform, tags: tags).pretty)
            return ["buildx", "bake"] + (builder.map { ["--builder", $0] } ?? []) + ["--file", path, target]
        }
        source.workingDirectory = workspace
        return source
    }

    /// Targets published at once, each to all its registries at once (1 and 6 were slower in
    /// bench/many-images.sh on two cores).
    static let targetsAtOnce = 3

    /// Each built target's layout to its image names: all release tags checked first (nothing
    /// is pushed when one would move), then the targets three at a time.
    private func publishTargets(_ targets: [String], run: Run, bake: BakeRun, file: BakeBuildFile, outcome: inout Outcome) async throws -> [Publication] {
        let inputs = run.inputs, log = run.log
        var images: [(target: String, image: PushableImage, layout: OCILayout, names: [Target])] = []
        for target in targets {
            let layout = OCILayout(directory: file.options.layoutDirectory(target))
            let image = try during(.push) { try layout.image() }
            let names = bake.images.groups.first { $0.target == target }?.images ?? []
            images.append((target, image, layout, run.targets.filter { names.contains($0.name) }))
            for name in names { outcome.expectedPlatforms[name] = file.platforms(of: target) }
            outcome.targetDigests.append((target, image.top.digest))
            outcome.sizes += image.platformImages(configPlatform: layout.configPlatform).map { ("\(target) \($0.platform)", $0.bytes) }
        }
        if !inputs.allowOverwrite {
            var conflicts: [String] = []
            for entry in images {
                conflicts += await releaseTagConflicts(entry.image, targets: entry.names, tagNames: run.tagNames, logins: run.logins, layout: entry.layout,
                                                       retrying: retrying(inputs.retryPolicy, log: log))
            }
            guard conflicts.isEmpty else { throw refusingToMoveReleaseTags(conflicts, log: log) }
        }
        return await withTaskGroup(of: [Publication].self) { group in
            var next = images.makeIterator(), running = 0, all: [Publication] = []
            func start() {
                guard let entry = next.next() else { return }
                running += 1
                group.addTask {
                    await publishAll(entry.image, targets: entry.names, tagNames: run.tagNames, inputs: inputs, logins: run.logins, layout: entry.layout, log: log)
                }
            }
            for _ in 0..<Self.targetsAtOnce { start() }
            while running > 0, let publications = await group.next() {
                running -= 1
                all += publications
                start()
            }
            return all
        }
    }

    /// A failed publication for every image name of each target that did not build.
    private func failedBuildPublications(_ failures: [String: String], run: Run, bake: BakeRun) -> [Publication] {
        bake.images.groups.flatMap { group in
            failures[group.target].map { failure in
                run.targets.filter { group.images.contains($0.name) }.map { Publication(target: $0, failure: failure.split(separator: "\n").first.map(String.init) ?? failure) }
            } ?? []
        }
    }
}
