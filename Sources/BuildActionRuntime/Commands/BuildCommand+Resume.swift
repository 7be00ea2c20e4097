import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry

/// Releases that resume: a release whose full-version tag a registry already serves is copied
/// from there to every registry instead of being built again (`ReleaseResume` decides).
extension BuildCommand {
    /// When pushing a release without `allow-overwrite`: looks its full-version tags up in every
    /// registry before anything is built. Nil: build as usual (nothing found, or nothing to look
    /// up). Else the release was copied from a registry that has it and published to every
    /// image name: the outcome of the copy. Registries that disagree stop the run.
    func resumeRelease(_ run: Run, session: DockerSession) async throws -> Outcome? {
        let inputs = run.inputs, log = run.log
        let releaseTags = run.tagNames.filter(ReleaseTag.isFullVersion)
        // (The lookup itself is not logged: a run that builds logs what it did before.)
        guard run.push, !inputs.allowOverwrite, inputs.mode == .build, !releaseTags.isEmpty else { return nil }
        let retrying = retrying(inputs.retryPolicy, log: log)
        let found = await lookUpRelease(releaseTags, targets: run.targets, logins: run.logins, retrying: retrying)
        switch ReleaseResume.decide(found) {
        case .build:
            return nil
        case .conflict(let conflicts):
            throw refusingToMoveReleaseTags(conflicts, log: log)
        case .copy(let sources):
            return try await copyRelease(from: sources, run: run, session: session, retrying: retrying)
        }
    }

    /// What each image name serves under each full-version tag, in the order of `targets`. A
    /// registry that cannot be asked is warned about and left out: its push fails on its own.
    func lookUpRelease(_ tags: [String], targets: [Target], logins: [String: RegistryCredentials], retrying: Retrying) async -> [ReleaseResume.Found] {
        var found: [ReleaseResume.Found] = []
        for target in targets {
            let client = registryClient(target.reference.registry, login: logins[target.reference.registry])
            let repository = target.reference.repository
            var read: [Digest: RegistryClient.Fetched] = [:]
            for tag in tags {
                do {
                    let digest = try await retrying.run("\(client.registry): check tag \(tag)") { () async throws(RegistryError) -> Digest? in
                        try await client.manifestDigest(repository: repository, reference: tag)
                    }
                    guard let digest else { continue }
                    if read[digest] == nil {
                        read[digest] = try await retrying.run("\(client.registry): read tag \(tag)") { () async throws(RegistryError) -> RegistryClient.Fetched in
                            try await client.manifest(repository: repository, reference: digest.description)
                        }
                    }
                    guard let fetched = read[digest] else { continue }
                    found.append(ReleaseResume.Found(image: target.name, tag: tag, digest: digest, platforms: fetched.platformImages,
                                                     attestations: fetched.manifest.entries.contains(where: \.isAttestation)))
                } catch {
                    commands.warning("\(target.name):\(tag) could not be looked up before building: \(error.message); going on without it")
                    break
                }
            }
        }
        return found
    }

    /// Downloads the release from the first source that works into a fresh OCI layout, then
    /// publishes it like a build to every image name (blobs and manifests a registry already
    /// has are skipped; the other tags, `1.2` or `latest`, are set too).
    private func copyRelease(from sources: [ReleaseResume.Found], run: Run, session: DockerSession, retrying: Retrying) async throws -> Outcome {
        let inputs = run.inputs, log = run.log
        var failures: [String] = []
        for (number, source) in sources.enumerated() {
            guard let target = run.targets.first(where: { $0.name == source.image }) else { continue }
            let registry = target.reference.registry
            commands.notice("\(source.tag) already exists in \(source.image) (\(source.digest)): copying it (\(source.digest.short)) to every registry instead of building. "
                + "No build and no smoke test ran; the release is the image the registries already serve.")
            let started = Date()
            let directory = session.configDirectory + "/copied-\(number)"
            try? FileManager.default.removeItem(atPath: directory)
            let downloader = ImageDownloader(client: registryClient(registry, login: run.logins[registry]), repository: target.reference.repository, retrying: retrying)
            let copied: (layout: OCILayout, image: PushableImage, report: ImageDownloader.Report)
            do {
                copied = try await downloader.download(source.digest, into: directory)
            } catch {
                log.record(phase: .copy, operation: "copy \(source.reference)", started: started, status: error.status.map { Int32($0) } ?? -1, registry: registry, detail: error.message)
                commands.warning("Copying \(source.reference) failed: \(error.message)" + (number + 1 < sources.count ? "; trying the next registry that has it" : ""))
                failures.append(error.message)
                continue
            }
            let image = copied.image, layout = copied.layout, report = copied.report
            if let moved = ReleaseResume.otherSources(source, imageLabels: layout.configLabels(of: image), runLabels: run.result.labels) {
                throw refusingToMoveReleaseTags([moved], log: log)
            }
            let platforms = image.platformImages(configPlatform: layout.configPlatform)
            log.record(phase: .copy, operation: "copy \(source.reference)", started: started, status: 0, registry: registry,
                       detail: "copied from \(source.reference): \(image.top.digest), platform images \(image.platformDigests.sorted().map(\.description).joined(separator: ", ")); "
                           + "\(report.manifests) manifests, \(report.blobs) blobs (\(report.bytes) bytes)")
            let requested = Set(inputs.platforms.platforms.map(\.description)), served = Set(platforms.map(\.platform))
            if requested != served {
                commands.warning("\(source.reference) has the platforms \(served.sorted().joined(separator: ", ")), this run asks for \(requested.sorted().joined(separator: ", ")): the release keeps its platforms (release tags are immutable).")
            }
            if inputs.summary, let path = runnerEnvironment.summaryFile {
                try? FileCommands.append("> **Copied, not built.** \(source.tag) already existed in `\(source.image)`: its image `\(image.top.digest)` was copied to every registry; no build and no smoke test ran.\n\n", to: path)
            }
            let metadata = JSONValue.object([
                "containerimage.digest": .string(image.top.digest.description),
                "containerimage.descriptor": .object(["mediaType": .string(image.top.mediaType), "digest": .string(image.top.digest.description), "size": .number(Double(image.top.data.count))]),
                "openkf-build.copied-from": .string(source.reference),
            ])
            var outcome = Outcome(publications: [], digest: image.top.digest, buildMetadata: Data(JSONText.from(metadata).compact.utf8),
                                  platforms: platforms.map(\.platform), sizes: platforms)
            outcome.publications = await publishAll(image, targets: run.targets, tagNames: run.tagNames, inputs: inputs, logins: run.logins, layout: layout, log: log)
            return outcome
        }
        throw ActionError(.copy, messages: ["The release exists in a registry but could not be copied from any: " + failures.joined(separator: "; ")],
                          hint: "Nothing was built or pushed. Re-run the job; allow-overwrite: true builds it again instead (its tags then move if the build differs).")
    }
}
