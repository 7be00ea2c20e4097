import BuildActionCore
import Foundation
import OCIRegistry

/// The verify step: what each registry serves, read back by HEAD.
extension BuildCommand {
    /// Reads back what each registry serves (by tag, or by digest in mode: platform); a
    /// registry that does not serve the push becomes a failure.
    func verifyAll(_ publications: inout [Publication], references tags: [String], platforms: [String], expectedPlatforms: [String: [String]] = [:],
                   logins: [String: RegistryCredentials], retrying: Retrying, log: OperationLog) async {
        for index in publications.indices where publications[index].isPushed {
            let publication = publications[index]
            let started = Date()
            let references = tags.isEmpty ? [publication.digest?.description ?? ""] : tags
            let registry = publication.target.reference.registry
            do {
                try await verify(publication, references: references, platforms: expectedPlatforms[publication.target.name] ?? platforms, login: logins[registry], retrying: retrying)
                log.record(phase: .verify, operation: "manifest check of \(references.count) references (HEAD)", started: started, status: 0, registry: registry)
            } catch {
                publications[index].status = .failed(message: "Verification failed: " + ((error as? RegistryError)?.message ?? String(describing: error)),
                                                     hint: "The registry accepted the push but does not serve it back; re-run the job (pushes are idempotent).")
                log.record(phase: .verify, operation: "manifest check", started: started, status: 1, registry: registry, detail: publications[index].error)
            }
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
