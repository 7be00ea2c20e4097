import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat
import OCIRegistry

/// The build step: one buildx build of every platform into an OCI layout, then the release-tag check and the push.
extension BuildCommand {
    /// Emulation, builder, one buildx build into an OCI layout, then (when pushing) the release
    /// tag check and the push to every image name.
    func buildAndPublish(_ run: Run, session: DockerSession) async throws -> Outcome {
        let inputs = run.inputs, log = run.log
        // A release that a registry already serves is copied, not built again (BuildCommand+Resume.swift).
        if let copied = try await resumeRelease(run, session: session) { return copied }
        try await ensureEmulation(inputs.platforms, image: inputs.qemuImage.description, session: session, log: log)
        let builder = try await prepareBuilder(session: session, endpoint: inputs.builderEndpoint, tls: inputs.builderTLS,
                                               buildkitImage: inputs.buildkitImage.description, log: log)
        return try await withCleanup {
            var plan = try during(.build) {
                try makePlan(inputs: inputs, result: run.result, push: run.push, session: session, firstImage: run.targets.first?.reference ?? ImageReference.normalized("openkf-build/unknown"))
            }
            plan.builder = builder.buildName
            plan.compression = inputs.compression
            plan.sourceDateEpoch = run.sourceDateEpoch
            let layout = OCILayout(directory: session.configDirectory + "/oci")
            plan.layoutDirectory = layout.directory
            let secrets = try secretFiles(inputs, session: session)
            try await runBuild(plan, inputs: inputs, secretFiles: secrets, session: session, log: log)
            let source = LocalImageSource(target: nil, platforms: plan.platforms, tags: plan.tags) { platform, tags in
                plan.loadArguments(platform: platform, tags: tags, secretFiles: secrets)
            }
            try await testAndLoad([source], inputs: inputs, session: session, log: log)
            let buildMetadata = (try? Data(contentsOf: URL(fileURLWithPath: plan.metadataFile))) ?? Data("{}".utf8)
            var outcome = Outcome(publications: [], digest: (try? JSONValue(parsing: buildMetadata))?["containerimage.digest"]?.stringValue.flatMap(Digest.init),
                                  buildMetadata: buildMetadata, platforms: inputs.platforms.platforms.map(\.description))
            guard run.push else { return outcome }
            let image = try during(.push) { try layout.image() }
            if let reported = outcome.digest, reported != image.top.digest {
                commands.warning("buildx reported \(reported) but wrote \(image.top.digest); publishing what it wrote.")
            }
            outcome.digest = image.top.digest
            outcome.sizes = image.platformImages(configPlatform: layout.configPlatform)
            if !inputs.allowOverwrite {
                let conflicts = await releaseTagConflicts(image, targets: run.targets, tagNames: run.tagNames, logins: run.logins, layout: layout,
                                                          retrying: retrying(inputs.retryPolicy, log: log))
                guard conflicts.isEmpty else { throw refusingToMoveReleaseTags(conflicts, log: log) }
            }
            outcome.publications = await publishAll(image, targets: run.targets, tagNames: run.tagNames, inputs: inputs, logins: run.logins, layout: layout, log: log)
            return outcome
        } cleanup: {
            if let remove = builder.removeArguments { _ = try? await session.run(remove) }
        }
    }

    func makePlan(inputs: BuildActionInputs, result: MetadataResult, push: Bool, session: DockerSession, firstImage: ImageReference) throws -> BuildPlan {
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : workspace + "/" + path }
        let contextPath = resolve(inputs.context)
        guard FileManager.default.fileExists(atPath: contextPath) else {
            throw InputError(input: "context", value: inputs.context, reason: "is not a directory in the workspace", fix: "Check out the repository first (actions/checkout) and give a path relative to it.")
        }
        let dockerfile = inputs.file.map(resolve)
        guard FileManager.default.fileExists(atPath: dockerfile ?? contextPath + "/Dockerfile") else {
            throw InputError(input: "file", value: inputs.file ?? "Dockerfile", reason: "does not exist", fix: "Give the Dockerfile's path relative to the workspace, like docker/Dockerfile.")
        }
        let cache = inputs.cache.arguments(image: firstImage.registry + "/" + firstImage.repository,
                                           platform: inputs.mode == .platform ? inputs.platforms.platforms.first : nil,
                                           explicitFrom: inputs.cacheFrom, explicitTo: inputs.cacheTo)
        return BuildPlan(
            contextPath: contextPath, dockerfile: dockerfile, platforms: inputs.platforms, tags: result.tags,
            labels: result.labels, annotations: result.leveledAnnotations, buildArgs: inputs.buildArgs,
            secretIDs: inputs.secrets.entries.map(\.id), target: inputs.target, pull: inputs.pull, noCache: inputs.noCache,
            provenance: inputs.provenance, sbom: inputs.sbom, cacheFrom: cache.from, cacheTo: cache.to,
            push: push, metadataFile: session.configDirectory + "/build-metadata.json")
    }

    func secretFiles(_ inputs: BuildActionInputs, session: DockerSession) throws -> [String: String] {
        var files: [String: String] = [:]
        for entry in inputs.secrets.entries { files[entry.id] = try session.secretFile(named: entry.id, value: entry.value) }
        return files
    }

    /// The buildx build, again from cache when a registry failed transiently during it.
    private func runBuild(_ plan: BuildPlan, inputs: BuildActionInputs, secretFiles: [String: String], session: DockerSession, log: OperationLog) async throws {
        let arguments = plan.buildxArguments(secretFiles: secretFiles)
        let built = try await streamBuild(arguments, session: session, title: "docker buildx build (\(inputs.platforms.description))",
                                          operation: plan.push ? "buildx build (OCI layout)" : "buildx build", log: log)
        guard built.status == 0 else {
            throw ActionError(.build, "The build failed (docker buildx exited with \(built.status)):\n" + Self.lastLines(built.standardError))
        }
    }

    /// A `docker buildx` build or bake, its output in a group where no line can act as a
    /// workflow command, recorded in the log; run again from cache (`RetryPolicy.rebuild`: up to
    /// three attempts) when a registry failed transiently during it.
    func streamBuild(_ arguments: [String], session: DockerSession, title: String, workingDirectory: String? = nil, operation: String,
                     log: OperationLog) async throws -> CommandResult {
        try await Retrying(policy: .rebuild).run(command: operation, isTransient: { Self.isTransientPushFailure($0.standardError) }, announce: { retry in
            commands.warning("A registry failed transiently during the build (base image pull or cache export); building again from cache (attempt \(retry.attempt + 1) of \(retry.attempts)).")
        }) { attempt in
            commands.info("::group::\(title)\(attempt > 1 ? ", attempt \(attempt)" : "")")
            let started = Date()
            // A RUN step prints what it likes: the runner must not take any of it for a command.
            let built = try await commands.untrustedBlock { emit in
                try await session.runStreaming(arguments, workingDirectory: workingDirectory) { line in emit(log.redact(line)) }
            }
            commands.info("::endgroup::")
            log.record(phase: .build, operation: operation, started: started, status: built.status,
                       command: Command("docker", arguments), detail: attempt > 1 ? "attempt \(attempt)" : nil)
            return built
        }
    }
}
