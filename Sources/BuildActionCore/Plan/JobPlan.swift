import DockerMetadata
/// What one run of the main step will do, decided before anything runs: the image names and
/// their registries, whether to push and why, the tags to put (none in mode: platform), the
/// registries to log in to with their credentials and those skipped, and what stops the run
/// before it starts (no tag to push, a registry to push to without credentials). Pure: built
/// from the parsed inputs, the metadata engine's result and the event.
public struct JobPlan: Sendable {
    /// One image name with its registry and repository.
    public struct Target: Sendable, Equatable {
        /// As written in `images` (`ghcr.io/openimsdk/openkf-server`).
        public let name: String
        /// Normalised (`docker.io/library/...` for Docker Hub short names).
        public let reference: ImageReference

        /// A target; see the properties.
        public init(name: String, reference: ImageReference) {
            self.name = name
            self.reference = reference
        }
    }

    /// Every enabled image name, in the input's order.
    public let targets: [Target]
    /// Push or not, and why.
    public let decision: PushDecision
    /// The tags to put in the registries (empty in mode: platform, which pushes by digest).
    public let tags: [Tag]
    /// The tags as text.
    public var tagNames: [String] { tags.map(\.description) }
    /// The registries the images live in, sorted.
    public let registries: [String]
    /// The credentials of each registry that has them.
    public let logins: [String: RegistryCredentials]
    /// Registries without credentials on an event that pushes nothing (their login is skipped).
    public let skippedLogins: [String]
    /// Why the run cannot start, once the decision is announced (nil: it can).
    public let refusal: ActionError?

    /// The plan for `inputs` on `eventName` with the engine's `result`; `images` is the images
    /// input as written (for the error when no image is enabled).
    public init(inputs: BuildActionInputs, result: MetadataResult, images: [String], eventName: String) throws(InputError) {
        targets = try result.imageNames.map { name throws(InputError) in Target(name: name, reference: try ImageReference.normalized(name)) }
        guard !targets.isEmpty else {
            // Tags without an image would name Docker Hub's library/ images: never push those.
            throw InputError(input: "images", value: images.joined(separator: ","), reason: "names no enabled image",
                             fix: "List the repositories to publish, one per line, like ghcr.io/openimsdk/openkf-server.")
        }
        decision = try PushDecision.decide(mode: inputs.push, eventName: eventName, allowPullRequestPush: inputs.allowPullRequestPush)
        // mode: platform pushes by digest only; the merge job tags the multi-platform index.
        let names = inputs.mode == .platform ? [] : result.tagNames
        tags = names.compactMap(Tag.init)
        let invalidTag = names.first { Tag($0) == nil }
        registries = Array(Set(targets.map(\.reference.registry))).sorted()
        var logins: [String: RegistryCredentials] = [:]
        var skipped: [String] = []
        var missing: String?
        for registry in registries {
            if let credential = inputs.logins.credentials(for: registry) {
                logins[registry] = credential
            } else if decision.push {
                missing = missing ?? registry
            } else {
                skipped.append(registry)
            }
        }
        self.logins = logins
        skippedLogins = skipped
        if let invalidTag {
            refusal = Self.invalidTagRefusal(invalidTag)
        } else if decision.push && result.tags.isEmpty {
            refusal = ActionError(.setup, "No tag was generated for this event, so there is nothing to push. Check the tags input (and flavor), or set push: false.")
        } else if let missing {
            refusal = ActionError(.login, "No credentials for \(missing), which the images input pushes to. Set \(Self.credentialInputs(for: missing)) (from secrets).")
        } else {
            refusal = nil
        }
    }

    /// The failure for a tag no registry accepts. metadata-action replaces characters a tag may
    /// not hold with `-` but neither shortens a tag nor fixes its first character, so a long
    /// branch name or a raw value can still make one (buildx would reject it while pushing).
    static func invalidTagRefusal(_ text: String) -> ActionError {
        ActionError(.metadata, "The tags input produced \(InputError.quoted(text)), which is not a valid tag: tags are 1 to 128 letters, digits, `_`, `.` or `-`, and do not start with `.` or `-`.",
                    hint: "Nothing was built or pushed. A long branch name or a raw value makes such tags: give this event type=sha or a shorter value, prefix or suffix (enable= can limit a rule to some branches).")
    }

    /// The inputs that give credentials for `registry`.
    public static func credentialInputs(for registry: String) -> String {
        switch RegistryHost.canonical(registry) {
        case RegistryHost.dockerHub: return "dockerhub-username and dockerhub-password, or a registry-auth entry"
        case "ghcr.io": return "ghcr-password (default: the job token) with permissions: packages: write, or a registry-auth entry"
        case let host where host.hasSuffix(".aliyuncs.com"): return "aliyun-username and aliyun-password (and aliyun-registry), or a registry-auth entry"
        default: return "a registry-auth entry for \(registry)"
        }
    }
}
