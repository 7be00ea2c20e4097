import BuildActionCore
import Foundation

extension BuildCommand {
    /// What one run works with once the inputs, tags and logins are settled.
    struct Run: Sendable {
        let inputs: BuildActionInputs
        let result: MetadataResult
        /// The image names whose registry accepted the login.
        let targets: [Target]
        /// The tags to push (none in mode: platform).
        let tagNames: [String]
        let logins: [String: RegistryCredentials]
        let push: Bool
        let sourceDateEpoch: Int?
        let log: OperationLog
    }

    /// What the build (or the merge) produced.
    struct Outcome: Sendable {
        var publications: [Publication]
        var digest: String
        var buildMetadata: Data
        var platforms: [String]
        /// Each platform image's compressed size, from the pushed manifests.
        var sizes: [(platform: String, bytes: Int)] = []
    }

    /// Logs in to every registry with credentials. Returns the failures by registry (they cost
    /// only their own registry when pushing); throws when the run cannot go on (a failed login
    /// while not pushing, or every registry refused).
    func loginAll(_ logins: [String: RegistryCredentials], targets: [Target], session: DockerSession, inputs: BuildActionInputs,
                  pushing: Bool, log: OperationLog) async throws -> [String: String] {
        var failures: [String: String] = [:]
        for (registry, credential) in logins.sorted(by: { $0.key < $1.key }) {
            guard let failure = try await login(credential, registry: registry, session: session, policy: inputs.retryPolicy, log: log) else { continue }
            guard pushing else { throw ActionError(.login, failure) }
            failures[registry] = failure
        }
        if !failures.isEmpty && targets.allSatisfy({ failures[$0.reference.registry] != nil }) {
            throw ActionError(.login, messages: failures.values.sorted())
        }
        return failures
    }

    /// Emulation, builder, one buildx build into an OCI layout, then (when pushing) the release
    /// tag check and the push to every image name.
    func buildAndPublish(_ run: Run, session: DockerSession) async throws -> Outcome {
        let inputs = run.inputs, log = run.log
        try await ensureEmulation(inputs.platforms, image: inputs.qemuImage.description, session: session, log: log)
        let builder = try await prepareBuilder(session: session, endpoint: inputs.builderEndpoint, tls: inputs.builderTLS,
                                               buildkitImage: inputs.buildkitImage.description, log: log)
        return try await withCleanup {
            var plan = try during(.build) {
                try makePlan(inputs: inputs, result: run.result, push: run.push, session: session, firstImage: run.targets.first?.reference ?? ImageReference.normalized("openkf-build/unknown"))
            }
            plan.builder = builder.buildName
            plan.sourceDateEpoch = run.sourceDateEpoch
            let layout = OCILayout(directory: session.configDirectory + "/oci")
            plan.layoutDirectory = layout.directory
            try await runBuild(plan, inputs: inputs, session: session, log: log)
            let buildMetadata = (try? Data(contentsOf: URL(fileURLWithPath: plan.metadataFile))) ?? Data("{}".utf8)
            var outcome = Outcome(publications: [], digest: (try? JSONValue(parsing: buildMetadata))?["containerimage.digest"]?.stringValue ?? "",
                                  buildMetadata: buildMetadata, platforms: inputs.platforms.platforms.map(\.description))
            guard run.push else { return outcome }
            let image = try during(.push) { try layout.image() }
            if !outcome.digest.isEmpty && outcome.digest != image.top.digest {
                commands.warning("buildx reported \(outcome.digest) but wrote \(image.top.digest); publishing what it wrote.")
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

    /// The failure that stops the run before anything is pushed because release tags would move.
    func refusingToMoveReleaseTags(_ conflicts: [String], log: OperationLog) -> ActionError {
        log.record(phase: .releaseTags, operation: "check full-version tags", started: Date(), status: 1, detail: conflicts.joined(separator: "; "))
        return ActionError(.releaseTags, messages: conflicts,
                           hint: "Nothing was pushed. A full-version tag names one release: publish a new version, or set allow-overwrite: true to move it deliberately.")
    }

    /// The buildx build, again from cache (`RetryPolicy.rebuild`: up to three attempts) when a
    /// registry failed transiently during it.
    private func runBuild(_ plan: BuildPlan, inputs: BuildActionInputs, session: DockerSession, log: OperationLog) async throws {
        let arguments = plan.buildxArguments(secretFiles: try secretFiles(inputs, session: session))
        let built = try await Retrying(policy: .rebuild).run(command: "buildx build", isTransient: { Self.isTransientPushFailure($0.standardError) }, announce: { retry in
            commands.warning("A registry failed transiently during the build (base image pull or cache export); building again from cache (attempt \(retry.attempt + 1) of \(retry.attempts)).")
        }) { attempt in
            commands.info("::group::docker buildx build (\(inputs.platforms.description))\(attempt > 1 ? ", attempt \(attempt)" : "")")
            let started = Date()
            // A RUN step prints what it likes: the runner must not take any of it for a command.
            let built = try await commands.untrustedBlock { emit in
                try await session.runStreaming(arguments) { line in emit(log.redact(line)) }
            }
            commands.info("::endgroup::")
            log.record(phase: .build, operation: plan.push ? "buildx build (OCI layout)" : "buildx build", started: started, status: built.status,
                       command: Command("docker", arguments), detail: attempt > 1 ? "attempt \(attempt)" : nil)
            return built
        }
        guard built.status == 0 else {
            throw ActionError(.build, "The build failed (docker buildx exited with \(built.status)):\n" + Self.lastLines(built.standardError))
        }
    }

    /// Reads back what each registry serves (by tag, or by digest in mode: platform); a
    /// registry that does not serve the push becomes a failure.
    func verifyAll(_ publications: inout [Publication], references tags: [String], platforms: [String], logins: [String: RegistryCredentials],
                   retrying: Retrying, log: OperationLog) async {
        for index in publications.indices where publications[index].isPushed {
            let publication = publications[index]
            let started = Date()
            let references = tags.isEmpty ? [publication.digest] : tags
            let registry = publication.target.reference.registry
            do {
                try await verify(publication, references: references, platforms: platforms, login: logins[registry], retrying: retrying)
                log.record(phase: .verify, operation: "manifest check of \(references.count) references (HEAD)", started: started, status: 0, registry: registry)
            } catch {
                publications[index].status = .failed(message: "Verification failed: " + ((error as? RegistryError)?.message ?? String(describing: error)),
                                                     hint: "The registry accepted the push but does not serve it back; re-run the job (pushes are idempotent).")
                log.record(phase: .verify, operation: "manifest check", started: started, status: 1, registry: registry, detail: publications[index].error)
            }
        }
    }

    /// Prints each failed image name (a warning with `continueOnError` while another one was
    /// published, else an error) with its hint: whether the step succeeds, and the errors printed.
    func reportFailures(_ publications: [Publication], continueOnError: Bool) -> (succeeded: Bool, errors: [String]) {
        let failed = publications.filter { !$0.isPushed }
        let tolerated = continueOnError && failed.count < publications.count
        var errors: [String] = []
        for publication in failed {
            let message = "Publishing \(publication.target.name) failed: \(publication.error ?? "unknown error")"
            if tolerated {
                commands.warning(message)
            } else {
                commands.error(message)
                errors.append(message)
            }
            if let hint = publication.hint { commands.notice(hint) }
        }
        return (failed.isEmpty || tolerated, errors)
    }
}
