import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry

/// The publish step: every image name at once, each registry through its own client.
extension BuildCommand {
    /// What happened to one image name.
    struct Publication: Sendable {
        let target: Target
        var status: PublicationStatus
        /// The digest this registry serves (attestations dropped for some registries).
        var digest: Digest?
        /// Whether the pushed index kept its attestations.
        var attestations: Bool
        /// Blob counts.
        var report = RegistryPublisher.Report()
        /// The platforms of what was pushed (read from the pushed manifests).
        var platforms: [String] = []

        /// A publication that has not (yet) succeeded.
        init(target: Target, failure: String = "not pushed", hint: String? = nil, digest: Digest? = nil, attestations: Bool = false) {
            self.target = target
            status = .failed(message: failure, hint: hint)
            self.digest = digest
            self.attestations = attestations
        }

        /// Whether the registry took it.
        var isPushed: Bool { status.isPushed }

        /// The failure, when it failed.
        var error: String? { status.message }

        /// What the report says about it.
        func reported() -> JobReport.Image {
            JobReport.Image(name: target.name, reference: target.reference, status: status, digest: digest, attestations: attestations)
        }
    }

    /// Retrying for `inputs`, announcing each retry and recording it in the log.
    func retrying(_ policy: RetryPolicy, log: OperationLog) -> Retrying {
        let commands = commands
        return Retrying(policy: policy) { what, error, attempt, delay in
            let tries = error.isTransient ? policy.retries + 1 : RetryPolicy.readAfterWrite.retries + 1
            let why = error.isTransient ? "" : " (the registry may not show a write yet)"
            commands.warning("\(what): \(error.message)\(why); retrying in \(String(format: "%.1f", delay)) s (attempt \(attempt + 1) of \(tries)).")
            log.record(phase: .retry, operation: what, started: Date(), status: error.status.map { Int32($0) }, detail: "attempt \(attempt) failed: \(error.message)")
        }
    }

    /// Pushes to every registry at once; one registry's failure does not stop the others.
    /// Image names on the same registry go one after another, the later ones mounting the
    /// blobs the first uploaded.
    func publishAll(_ image: PushableImage, targets: [Target], tagNames: [String], inputs: BuildActionInputs,
                    logins: [String: RegistryCredentials], layout: OCILayout, log: OperationLog) async -> [Publication] {
        let retrying = retrying(inputs.retryPolicy, log: log)
        var groups: [[Target]] = []
        for target in targets {
            if let index = groups.firstIndex(where: { $0[0].reference.registry == target.reference.registry }) {
                groups[index].append(target)
            } else {
                groups.append([target])
            }
        }
        return await withTaskGroup(of: [Publication].self) { group in
            for members in groups {
                group.addTask {
                    var done: [Publication] = []
                    for target in members {
                        let source = done.first(where: \.isPushed)?.target.reference.repository
                        done.append(await publishOne(image, target: target, tagNames: tagNames, inputs: inputs, logins: logins, layout: layout,
                                                     retrying: retrying, mountSource: source, log: log))
                    }
                    return done
                }
            }
            var all: [Publication] = []
            for await publications in group { all += publications }
            return targets.compactMap { target in all.first { $0.target.name == target.name } }
        }
    }

    private func publishOne(_ image: PushableImage, target: Target, tagNames: [String], inputs: BuildActionInputs, logins: [String: RegistryCredentials],
                            layout: OCILayout, retrying: Retrying, mountSource: String?, log: OperationLog) async -> Publication {
        let registry = target.reference.registry
        let plain = inputs.noAttestationRegistries.matches(registry) && image.hasAttestations
        let started = Date()
        var publication = Publication(target: target, attestations: image.hasAttestations)
        do {
            let variant = plain ? try image.withoutAttestations() : image
            publication.digest = variant.top.digest
            publication.attestations = variant.hasAttestations
            publication.platforms = variant.platformImages(configPlatform: layout.configPlatform).map(\.platform)
            let publisher = RegistryPublisher(client: registryClient(registry, login: logins[registry]),
                                              repository: target.reference.repository, layout: layout, retrying: retrying, mountSource: mountSource,
                                              ledger: blobLedger)
            publication.report = try await publisher.publish(variant, tags: tagNames)
            publication.status = .pushed
            let report = publication.report
            log.record(phase: .push, operation: "push \(target.name) (\(tagNames.isEmpty ? "by digest" : "\(tagNames.count) tags"))", started: started, status: 0, registry: registry,
                       detail: "\(report.uploaded) blobs uploaded (\(report.bytes) bytes\(report.chunked > 0 ? ", \(report.chunked) in chunks" : "")), \(report.mounted) mounted, \(report.present) already there\(plain ? ", attestations left out" : "")")
        } catch let error as RegistryError {
            publication.status = .failed(message: error.message, hint: PublishFailureHint.hint(registry: registry, status: error.status, message: error.message))
            log.record(phase: .push, operation: "push \(target.name)", started: started, status: error.status.map { Int32($0) } ?? -1, registry: registry, detail: error.message)
        } catch {
            publication.status = .failed(message: String(describing: error), hint: nil)
            log.record(phase: .push, operation: "push \(target.name)", started: started, status: -1, registry: registry, detail: publication.error)
        }
        return publication
    }
}
