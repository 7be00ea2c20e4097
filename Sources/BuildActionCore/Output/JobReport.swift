import Foundation
import JavaScriptCompat

/// What one run of the main step ended with, gathered once; everything it reports is rendered
/// from it: the failures it prints, the step's outputs, the step summary and whether the step
/// succeeds. Pure: the command gathers the facts, this decides and renders.
public struct JobReport: Sendable {
    /// One image name: where it was to go and what happened.
    public struct Image: Sendable, Equatable {
        /// `ghcr.io/openimsdk/openkf-server`.
        public let name: String
        /// Its registry and repository.
        public let reference: ImageReference
        /// Nil when nothing was pushed (not attempted); else pushed or failed.
        public let status: PublicationStatus?
        /// The digest this registry serves or was to serve (attestations dropped for some).
        public let digest: Digest?
        /// Whether what was pushed kept its attestations.
        public let attestations: Bool

        /// An image; see the properties.
        public init(name: String, reference: ImageReference, status: PublicationStatus?, digest: Digest?, attestations: Bool) {
            self.name = name
            self.reference = reference
            self.status = status
            self.digest = digest
            self.attestations = attestations
        }
    }

    /// A failure the step prints: an error, or a warning when `continue-on-registry-error`
    /// tolerates it because another image name was published.
    public struct PrintedFailure: Sendable, Equatable {
        /// `Publishing <name> failed: <why>`.
        public let message: String
        /// What to do about it.
        public let hint: String?
        /// Printed as a warning; the step still succeeds.
        public let tolerated: Bool

        /// A failure; see the properties.
        public init(message: String, hint: String?, tolerated: Bool) {
            self.message = message
            self.hint = hint
            self.tolerated = tolerated
        }
    }

    /// Why the run pushed or not ("push event: images are pushed").
    public let decision: String
    /// Every image name, in the input's order.
    public let images: [Image]
    /// The tags (names only; none in mode: platform).
    public let tags: [String]
    /// `linux/amd64,linux/arm64`.
    public let platforms: String
    /// The digest of the built (or merged) index; nil when there is none.
    public let digest: Digest?
    /// buildx's metadata file (`{}` when there was no build).
    public let buildMetadata: String
    /// Each platform image's compressed size.
    public let sizes: [(platform: String, bytes: Int)]
    /// Registries whose login was skipped for want of credentials.
    public let skippedLogins: [String]
    /// Seconds per phase, in first-seen order.
    public let phases: [(phase: Phase, seconds: Double)]
    /// The log, relative to the workspace.
    public let logFile: String
    /// The digest file of mode: platform, when one was written.
    public let digestFile: String?
    /// `continue-on-registry-error`.
    public let continueOnError: Bool
    /// With `bake-files`: each target's index digest (the `digests` output).
    public var targetDigests: [(target: String, digest: Digest)] = []

    /// A report; see the properties.
    public init(decision: String, images: [Image], tags: [String], platforms: String, digest: Digest?, buildMetadata: String,
                sizes: [(platform: String, bytes: Int)], skippedLogins: [String], phases: [(phase: Phase, seconds: Double)],
                logFile: String, digestFile: String?, continueOnError: Bool) {
        self.decision = decision
        self.images = images
        self.tags = tags
        self.platforms = platforms
        self.digest = digest
        self.buildMetadata = buildMetadata
        self.sizes = sizes
        self.skippedLogins = skippedLogins
        self.phases = phases
        self.logFile = logFile
        self.digestFile = digestFile
        self.continueOnError = continueOnError
    }

    /// The image names the run tried to publish, in order.
    public var attempted: [Image] { images.filter { $0.status != nil } }

    /// Whether any registry took the image.
    public var pushed: Bool { images.contains { $0.status?.isPushed == true } }

    /// Each failed image name, as the step prints it.
    public var failures: [PrintedFailure] {
        let failed = attempted.filter { $0.status?.isPushed == false }
        let tolerated = continueOnError && failed.count < attempted.count
        return failed.map { image in
            PrintedFailure(message: "Publishing \(image.name) failed: \(image.status?.message ?? "unknown error")", hint: image.status?.hint, tolerated: tolerated)
        }
    }

    /// Whether the step succeeds: nothing failed, or every failure is tolerated.
    public var succeeded: Bool { failures.allSatisfy(\.tolerated) }

    /// The errors the step prints (what the failure summary and the notification quote).
    public var errors: [String] { failures.filter { !$0.tolerated }.map(\.message) }

    /// The outputs the main step adds after metadata-action's, in action.yml's order.
    public var outputs: [(name: String, value: String)] {
        [
            ("digest", digest?.description ?? ""),
            ("digests", JSONText.object(targetDigests.map { ($0.target, .string($0.digest.description)) }).compact), ("metadata", buildMetadata), ("pushed", pushed ? "true" : "false"),
            ("registries", JSONText.object(attempted.map { ($0.name, Self.registryEntry($0, tags: tags)) }).compact),
            ("log-file", logFile), ("digest-file", digestFile ?? ""),
        ]
    }

    /// The step summary.
    public var summary: StepSummary {
        StepSummary(decision: decision, images: images.map { StepSummary.Image(name: $0.name, reference: $0.reference, outcome: $0.status, attestations: $0.attestations) },
                    tags: tags, platforms: platforms, digest: digest?.description ?? "", sizes: sizes, skippedLogins: skippedLogins, phases: phases)
    }

    /// One entry of the `registries` output: status, digest, attestations, tags and the error.
    static func registryEntry(_ image: Image, tags: [String]) -> JSONText {
        var members: [(String, JSONText?)] = [("status", .string(image.status?.isPushed == true ? "pushed" : "failed")), ("digest", .string(image.digest?.description ?? "")),
                                               ("attestations", .literal(image.attestations ? "true" : "false"))]
        members.append(("tags", .array(tags.map(JSONText.string))))
        if let message = image.status?.message { members.append(("error", .string(message))) }
        return .object(members)
    }
}
