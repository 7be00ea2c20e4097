import BuildActionCore
import DockerMetadata
import Foundation
import OCIRegistry

/// mode: merge: the platform runs' images composed into one index per image name and tagged.
extension BuildCommand {
    /// `mode: merge`: for every image name, the platform images it already has by digest, one
    /// index with the metadata's index annotations, pushed under the tags. Returns the
    /// publications, the first index digest, the platforms and their sizes.
    /// With `bake-files` (`perImageName`) every image name takes its digest from the files'
    /// `images`: the platform job's own digest is another target's image.
    func merge(targets: [Target], tagNames: [String], result: MetadataResult, inputs: BuildActionInputs,
               logins: [String: RegistryCredentials], perImageName: Bool = false, log: OperationLog) async throws -> ([Publication], Digest?, [String], [(platform: String, bytes: Int)]) {
        let parts = try during(.merge) { try readDigestFiles(inputs) }
        commands.info("Merging \(parts.map(\.platform).joined(separator: ", ")) from \(parts.map(\.file).joined(separator: ", "))")
        let annotations = result.leveledAnnotations.compactMap { line -> String? in
            line.hasPrefix("index:") ? String(line.dropFirst("index:".count)) : nil
        }
        let retrying = retrying(inputs.retryPolicy, log: log)
        var publications: [Publication] = []
        var conflicts: [String] = []
        var indexes: [String: Data] = [:]
        var sizes: [(platform: String, bytes: Int)] = []
        for target in targets {
            let started = Date()
            let client = registryClient(target.reference.registry, login: logins[target.reference.registry])
            var publication = Publication(target: target)
            do {
                let (index, pieces) = try await composeIndex(for: target, parts: parts, annotations: annotations, inputs: inputs, client: client, retrying: retrying,
                                                             perImageName: perImageName)
                let parsed = try ImageManifest(parsing: index, headerType: nil)
                let indexDigest = Digest.sha256(of: index)
                publication.digest = indexDigest
                publication.attestations = parsed.entries.contains(where: \.isAttestation)
                publication.platforms = parsed.platforms
                if sizes.isEmpty {
                    sizes = pieces.map { piece in (piece.platform ?? "image", ((try? ImageManifest(parsing: piece.data, headerType: piece.mediaType))?.layerSizes ?? []).reduce(0, +)) }
                }
                if !inputs.allowOverwrite {
                    conflicts += await movedReleaseTags(target, tagNames: tagNames, to: parsed, digest: indexDigest, client: client)
                }
                indexes[target.name] = index
                log.record(phase: .merge, operation: "compose index for \(target.name)", started: started, status: 0, registry: target.reference.registry)
            } catch {
                publication.status = .failed(message: (error as? RegistryError)?.message ?? String(describing: error),
                                             hint: "Run the platform jobs first (mode: platform) and download their digest files; each image name needs every platform.")
                log.record(phase: .merge, operation: "compose index for \(target.name)", started: started, status: 1, registry: target.reference.registry, detail: publication.error)
            }
            publications.append(publication)
        }
        guard conflicts.isEmpty else { throw refusingToMoveReleaseTags(conflicts, log: log) }
        for position in publications.indices {
            guard let index = indexes[publications[position].target.name] else { continue }
            await tag(&publications[position], index: index, tagNames: tagNames, logins: logins, retrying: retrying, log: log)
        }
        return (publications, publications.first(where: \.isPushed)?.digest, parts.map(\.platform), sizes)
    }

    /// The merged index for one image name: every platform run's image, read from its registry.
    private func composeIndex(for target: Target, parts: [PlatformDigest], annotations: [String], inputs: BuildActionInputs,
                              client: RegistryClient, retrying: Retrying, perImageName: Bool) async throws -> (Data, [IndexComposer.Part]) {
        var pieces: [IndexComposer.Part] = []
        for part in parts {
            guard let digest = part.images[target.name] ?? (perImageName ? nil : part.digest) else {
                throw ActionError(.merge, "The \(part.platform) job (\(part.file)) published no image for \(target.name)")
            }
            let fetched = try await retrying.run("\(target.name): read \(part.platform) image") { () async throws(RegistryError) -> RegistryClient.Fetched in
                try await client.manifest(repository: target.reference.repository, reference: digest.description)
            }
            guard fetched.bodyDigest == digest else { throw ActionError(.merge, "\(target.name)@\(digest) came back with other content") }
            pieces.append(IndexComposer.Part(digest: digest, mediaType: fetched.manifest.mediaType, data: fetched.data, platform: part.platform))
        }
        return (try IndexComposer.compose(pieces, annotations: annotations, attestations: !inputs.noAttestationRegistries.matches(target.reference.registry)), pieces)
    }

    /// The full-version tags of `target` that point to other platform images than `index`.
    private func movedReleaseTags(_ target: Target, tagNames: [String], to index: ImageManifest, digest: Digest, client: RegistryClient) async -> [String] {
        let wanted = index.platformEntryDigests
        var moved: [String] = []
        for tag in tagNames where ReleaseTag.isFullVersion(tag) {
            // A HEAD first (not counted as a pull): a missing tag, or one naming this very index, moves nothing.
            guard let current = try? await client.manifestDigest(repository: target.reference.repository, reference: tag), current != digest else { continue }
            guard let existing = try? await client.manifest(repository: target.reference.repository, reference: tag) else { continue }
            if existing.platformImages != wanted {
                moved.append("\(target.name):\(tag) already points to other images; release tags are immutable")
            }
        }
        return moved
    }

    /// Puts the merged index under every tag of one image name.
    private func tag(_ publication: inout Publication, index: Data, tagNames: [String], logins: [String: RegistryCredentials],
                     retrying: Retrying, log: OperationLog) async {
        let target = publication.target
        let started = Date()
        let client = registryClient(target.reference.registry, login: logins[target.reference.registry])
        do {
            for tag in tagNames {
                try await retrying.run("\(target.name): tag \(tag)") { () async throws(RegistryError) in
                    try await client.putManifest(repository: target.reference.repository, reference: tag, mediaType: "application/vnd.oci.image.index.v1+json", data: index)
                }
            }
            publication.status = .pushed
            log.record(phase: .push, operation: "tag the merged index of \(target.name) (\(tagNames.count) tags)", started: started, status: 0, registry: target.reference.registry)
        } catch {
            publication.status = .failed(message: error.message, hint: PublishFailureHint.hint(registry: target.reference.registry, status: error.status, message: error.message))
            log.record(phase: .push, operation: "tag \(target.name)", started: started, status: error.status.map { Int32($0) } ?? -1, registry: target.reference.registry, detail: error.message)
        }
    }
}
