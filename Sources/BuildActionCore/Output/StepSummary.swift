import Foundation

/// The step summary a run writes (Markdown, far below GitHub's 1 MiB limit): where each image
/// went with its tags, what failed and what to do, platforms, digest, sizes, skipped logins and
/// the time of each phase; and the block a failed run appends, quoting its errors. Pure: the
/// command gathers the facts, this renders them.
public struct StepSummary: Sendable {
    /// One image name's line.
    public struct Image: Sendable {
        /// `ghcr.io/openimsdk/openkf-server`.
        public let name: String
        /// Its registry and repository.
        public let reference: ImageReference
        /// Nil when nothing was pushed; else pushed or failed.
        public let outcome: Outcome?
        /// Whether what was pushed kept its attestations.
        public let attestations: Bool

        /// Pushed, or failed with the message and hint.
        public typealias Outcome = PublicationStatus

        /// An image line; see the properties.
        public init(name: String, reference: ImageReference, outcome: Outcome?, attestations: Bool) {
            self.name = name
            self.reference = reference
            self.outcome = outcome
            self.attestations = attestations
        }
    }

    /// Why the run pushed or not ("push event: images are pushed").
    public let decision: String
    /// Every image name, in the input's order.
    public let images: [Image]
    /// The tags (names only).
    public let tags: [String]
    /// `linux/amd64,linux/arm64`.
    public let platforms: String
    /// The digest of the built index (empty when there is none).
    public let digest: String
    /// Each platform image's compressed size.
    public let sizes: [(platform: String, bytes: Int)]
    /// Registries whose login was skipped for want of credentials.
    public let skippedLogins: [String]
    /// Seconds per phase, in first-seen order.
    public let phases: [(phase: Phase, seconds: Double)]

    /// A summary; see the properties.
    public init(decision: String, images: [Image], tags: [String], platforms: String, digest: String, sizes: [(platform: String, bytes: Int)],
                skippedLogins: [String], phases: [(phase: Phase, seconds: Double)]) {
        self.decision = decision
        self.images = images
        self.tags = tags
        self.platforms = platforms
        self.digest = digest
        self.sizes = sizes
        self.skippedLogins = skippedLogins
        self.phases = phases
    }

    /// The Markdown, ending in a line break.
    public var markdown: String {
        var lines = ["## openkf-build", "", decision + ".", "", "| image | tags | where |", "| --- | --- | --- |"]
        let anyAttestations = images.contains { $0.outcome != nil && $0.attestations }
        for image in images {
            let page = RegistryWebPage.url(for: image.reference).map { "[\(image.reference.registry)](\($0))" } ?? image.reference.registry
            let place: String
            switch image.outcome {
            case .pushed?: place = page + (!image.attestations && anyAttestations ? " (without attestations)" : "")
            case .failed?: place = "**failed**"
            case nil: place = "not pushed"
            }
            lines.append("| `\(image.name)` | \(tags.isEmpty ? "by digest" : tags.map { "`\($0)`" }.joined(separator: " ")) | \(place) |")
        }
        let failures = images.compactMap { image -> (String, String, String?)? in
            guard case .failed(let message, let hint)? = image.outcome else { return nil }
            return (image.name, message, hint)
        }
        if !failures.isEmpty {
            lines += ["", "### Failed", ""]
            for (name, message, hint) in failures {
                lines.append("- `\(name)`: \(message)")
                if let hint, !hint.isEmpty { lines.append("  \(hint)") }
            }
        }
        lines += ["", "- Platforms: \(platforms)"]
        if !digest.isEmpty { lines.append("- Digest: `\(digest)`") }
        for size in sizes {
            lines.append("- Size of \(size.platform): \(String(format: "%.1f", Double(size.bytes) / 1_048_576)) MiB compressed")
        }
        for registry in skippedLogins {
            lines.append("- Skipped login to \(registry): no credentials (nothing is pushed on this event)")
        }
        lines += ["", "| phase | time |", "| --- | --- |"]
        lines += phases.map { "| \($0.phase.rawValue) | \(String(format: "%.1f", $0.seconds)) s |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The block a failed run appends: the phase and its last 25 error lines, fenced so that no
    /// text inside can end the fence.
    public static func failure(phase: Phase, errors: [String]) -> String {
        let excerpt = NotificationText.normalizedLineEndings(errors.joined(separator: "\n"))
            .split(separator: "\n", omittingEmptySubsequences: false).suffix(25).joined(separator: "\n")
        return "\n## openkf-build failed in \(phase.rawValue)\n\n\(NotificationText.fencedCode(excerpt))\n"
    }
}
