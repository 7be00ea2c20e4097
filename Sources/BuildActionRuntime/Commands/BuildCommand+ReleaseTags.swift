import BuildActionCore
import Foundation
import OCIRegistry

/// Release tags are immutable: the full-version tags that would move stop the run before anything is pushed.
extension BuildCommand {
    /// The full-version tags that already point to other platform images, as messages (empty:
    /// nothing would move). Checked in every registry before anything is pushed.
    func releaseTagConflicts(_ image: PushableImage, targets: [Target], tagNames: [String], logins: [String: RegistryCredentials],
                             layout: OCILayout, retrying: Retrying) async -> [String] {
        let releaseTags = tagNames.filter(ReleaseTag.isFullVersion)
        guard !releaseTags.isEmpty else { return [] }
        var conflicts: [String] = []
        for target in targets {
            let publisher = RegistryPublisher(client: registryClient(target.reference.registry, login: logins[target.reference.registry]),
                                              repository: target.reference.repository, layout: layout, retrying: retrying)
            for tag in releaseTags {
                do {
                    if let existing = try await publisher.platformDigests(ofTag: tag, expected: (image.top.digest, image.platformDigests)), existing != image.platformDigests {
                        conflicts.append("\(target.name):\(tag) already points to other images (\(existing.sorted().map(\.short).joined(separator: ", "))); release tags are immutable")
                    }
                } catch {
                    // An unreachable registry fails its own push below; it does not stop the others.
                    commands.warning("\(target.name):\(tag) could not be checked before pushing: \(error.message)")
                }
            }
        }
        return conflicts
    }

    /// The failure that stops the run before anything is pushed because release tags would move.
    func refusingToMoveReleaseTags(_ conflicts: [String], log: OperationLog) -> ActionError {
        log.record(phase: .releaseTags, operation: "check full-version tags", started: Date(), status: 1, detail: conflicts.joined(separator: "; "))
        return ActionError(.releaseTags, messages: conflicts,
                           hint: "Nothing was pushed. A full-version tag names one release: publish a new version, or set allow-overwrite: true to move it deliberately.")
    }
}
