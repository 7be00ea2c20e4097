import BuildActionCore
import Foundation
import OCIRegistry

/// The verify step: what each registry serves, read back by HEAD.
extension BuildCommand {
    /// Reads back what each registry serves (by tag, or by digest in mode: platform), eight
    /// image names at a time; a registry that does not serve the push becomes a failure.
    func verifyAll(_ publications: inout [Publication], references tags: [String], platforms: [String], expectedPlatforms: [String: [String]] = [:],
                   logins: [String: RegistryCredentials], retrying: Retrying, log: OperationLog) async {
        let pushed = publications.indices.filter { publications[$0].isPushed }.map { ($0, publications[$0]) }
        let checked = await withTaskGroup(of: (Int, Check).self) { group in
            var waiting = pushed[...], found: [(Int, Check)] = []
            func start() {
                guard let (index, publication) = waiting.popFirst() else { return }
                group.addTask {
                    (index, await verifyOne(publication, tags: tags, platforms: expectedPlatforms[publication.target.name] ?? platforms,
                                            login: logins[publication.target.reference.registry], retrying: retrying))
                }
            }
            for _ in 0..<8 { start() }
            for await result in group {
                found.append(result)
                start()
            }
            return found
        }
        // recorded in the publications' order, whatever order the checks ended in
        for (index, check) in checked.sorted(by: { $0.0 < $1.0 }) {
            let registry = publications[index].target.reference.registry
            if let failure = check.failure {
                publications[index].status = failure
                log.record(phase: .verify, operation: "manifest check", started: check.started, ended: check.ended, status: 1, registry: registry, detail: failure.message)
            } else {
                log.record(phase: .verify, operation: "manifest check of \(check.references) references (HEAD)", started: check.started, ended: check.ended, status: 0, registry: registry)
            }
        }
    }

    /// How one image name's check went.
    private struct Check: Sendable {
        let started: Date
        var ended = Date()
        let references: Int
        /// The failed status, nil when the registry serves the push.
        let failure: PublicationStatus?
    }

    /// One image name's check.
    private func verifyOne(_ publication: Publication, tags: [String], platforms: [String], login: RegistryCredentials?, retrying: Retrying) async -> Check {
        let started = Date()
        let references = tags.isEmpty ? [publication.digest?.description ?? ""] : tags
        do {
            try await verify(publication, references: references, platforms: platforms, login: login, retrying: retrying)
            return Check(started: started, references: references.count, failure: nil)
        } catch {
            return Check(started: started, references: references.count,
                         failure: .failed(message: "Verification failed: " + ((error as? RegistryError)?.message ?? String(describing: error)),
                                          hint: "The registry accepted the push but does not serve it back; re-run the job (pushes are idempotent)."))
        }
    }

    /// Checks that every tag resolves to the pushed index, by HEAD (Docker Hub does not count
    /// HEADs against its pull limit), tolerating the registry's read-after-write lag: a tag just
    /// written may answer 404 or its old digest for a while. The platforms were checked on the
    /// pushed bytes themselves.
    func verify(_ publication: Publication, references: [String], platforms: [String], login: RegistryCredentials?, retrying: Retrying) async throws {
        let target = publication.target
        let missing = platforms.filter { !publication.platforms.contains($0) }
        guard missing.isEmpty else {
            throw ActionError(.verify, "\(target.name) was pushed with platforms \(publication.platforms.joined(separator: ",")), expected \(platforms.joined(separator: ","))")
        }
        let client = registryClient(target.reference.registry, login: login)
        for reference in references {
            try await retrying.run("\(target.name): verify \(reference.prefix(19))", toleratingLag: { $0.code == "NOT_YET" }) { () async throws(RegistryError) in
                let served = try await client.manifestDigest(repository: target.reference.repository, reference: reference)
                guard served == publication.digest else {
                    throw RegistryError(status: served == nil ? 404 : 200, code: "NOT_YET",
                                        message: "\(target.name):\(reference) serves \(served?.description ?? "nothing"), expected \(publication.digest?.description ?? "nothing")")
                }
            }
        }
        commands.info("Verified \(target.name): \(references.count) tags serve \(publication.digest?.description ?? "")")
    }
}
