import DockerMetadata
/// The build inputs of the action (docker/build-push-action's names, plus `push`,
/// credentials and `summary`), read from `INPUT_*` with their defaults and validated.
import JavaScriptCompat

public struct BuildActionInputs: Sendable, Equatable {
    /// `context`: the build context directory, relative to the workspace (default `.`).
    public var context: String
    /// `file`: the Dockerfile, or nil for `<context>/Dockerfile`.
    public var file: String?
    /// `platforms` (default `linux/amd64,linux/arm64`).
    public var platforms: PlatformList
    /// `build-args`.
    public var buildArgs: KeyValueList
    /// `target`.
    public var target: String?
    /// `secrets` (values never printed).
    public var secrets: SecretList
    /// `pull`.
    public var pull: Bool
    /// `no-cache`.
    public var noCache: Bool
    /// `bake-files`: build definitions (HCL, JSON, compose) relative to the workspace; empty
    /// builds the one Dockerfile of `context` and `file`.
    public var bakeFiles: [String]
    /// `bake-targets`: targets or groups of the bake files (empty: their default group).
    public var bakeTargets: [String]
    /// The platforms the `platforms` input named, nil when it was left to its default (bake
    /// targets then keep their own).
    public var explicitPlatforms: PlatformList?
    /// `compression` and `compression-level` of the published layers.
    public var compression: LayerCompression
    /// `smoke-test`: a shell script run on each platform's image before anything is pushed, or nil.
    public var smokeTest: String?
    /// `load`: leave the runner's platform image in the engine, with its tags.
    public var load: Bool
    /// `provenance`, nil for buildx's default.
    public var provenance: String?
    /// `sbom`, nil for buildx's default.
    public var sbom: String?
    /// `cache-from`, one per line.
    public var cacheFrom: [String]
    /// `cache-to`, one per line.
    public var cacheTo: [String]
    /// `push`: `auto`, `true` or `false`.
    public var push: PushMode
    /// `allow-pull-request-push`.
    public var allowPullRequestPush: Bool
    /// Credentials from `registry-auth` and the shortcut inputs.
    public var logins: RegistryLogins
    /// The password inputs as given, also those a registry-auth entry replaces (masked all the same).
    let passwordInputs: [String]
    /// `summary` (default true).
    public var summary: Bool
    /// `retries` (default 3) and `retry-delay` (seconds, default 2): per registry request.
    public var retryPolicy: RetryPolicy
    /// `continue-on-registry-error`: a registry that still fails only warns.
    public var continueOnRegistryError: Bool
    /// `no-attestations-registries` (default `*.aliyuncs.com`; `none` for no registry).
    public var noAttestationRegistries: RegistryPatternList
    /// `github-token`: the GitHub API's token (notifications, the commit date) and GHCR's
    /// password unless `ghcr-password` is given.
    public let githubToken: String
    /// `allow-overwrite`: let a full-version tag move to different platform images.
    public var allowOverwrite: Bool
    /// `notify-issue`: open (or comment on) an issue when the run fails, close it on success.
    public var notifyIssue: Bool
    /// `notify-pull-requests`: notify on pull-request events too (default: they only fail the check).
    public var notifyPullRequests: Bool
    /// `notify-webhook` (a secret: masked) with its format and optional signing secret.
    public var webhook: WebhookTarget?
    /// `mode`: build, platform or merge.
    public var mode: BuildMode
    /// `digests-dir`: where platform runs write and the merge reads digest files.
    public var digestsDirectory: String
    /// `cache`: registry, gha or none.
    public var cache: CacheMode
    /// `builder-endpoint`: a remote BuildKit, or nil.
    public var builderEndpoint: String?
    /// `builder-tls-ca`, `builder-tls-cert`, `builder-tls-key`, `builder-tls-server-name`: TLS
    /// to a tcp:// `builder-endpoint`, or nil.
    public var builderTLS: RemoteBuilderTLS?
    /// `builder-insecure`: plain-text TCP to another host, said by name.
    public var builderInsecure: Bool
    /// `qemu-image`: the binfmt image run privileged to probe and register emulators.
    public var qemuImage: ImageReference.Pull
    /// `buildkit-image`: the image of the docker-container builder the run may create.
    public var buildkitImage: ImageReference.Pull

    /// The default `qemu-image`. `tonistiigi/binfmt:latest` (QEMU 9.2) segfaults on
    /// ubuntu-24.04, so the tag is qemu-v7.0.0-28; it runs with --privileged, so it is pinned by
    /// the digest of its multi-platform index: a tag is whatever its Docker Hub account pushes.
    /// To update: `docker buildx imagetools inspect tonistiigi/binfmt:TAG` and copy the
    /// `Digest:` line (the index's, not a platform's), here and in action.yml.
    /// Digest as pinned by kubernetes-sigs/kind (hack/release/build/push-node.sh).
    public static let defaultQEMUImage = "tonistiigi/binfmt:qemu-v7.0.0-28@sha256:66e11bea77a5ea9d6f0fe79b57cd2b189b5d15b93a2bdb925be22949232e4e55"

    /// Reads and validates every build input. `ghcr-username` and `ghcr-password` default to
    /// the run's actor and `github-token`, as in action.yml.
    public init(environment: [String: String]) throws(InputError) {
        let reader = ActionInputReader(environment: environment)
        func optional(_ name: String) -> String? { reader.value(name).nonEmpty }
        func flag(_ name: String, default value: Bool) throws(InputError) -> Bool {
            let text = reader.value(name)
            return text.isEmpty ? value : try ActionBoolean.parse(text, input: name)
        }
        func lines(_ name: String) -> [String] {
            reader.value(name).split(whereSeparator: \.isNewline).map { JavaScriptNumber.trimJavaScriptWhitespace(String($0)) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        context = optional("context") ?? "."
        file = optional("file")
        platforms = try PlatformList(parsing: optional("platforms") ?? "linux/amd64,linux/arm64")
        buildArgs = try KeyValueList(parsing: reader.value("build-args"), input: "build-args")
        target = optional("target")
        secrets = try SecretList(parsing: reader.value("secrets"))
        pull = try flag("pull", default: false)
        noCache = try flag("no-cache", default: false)
        smokeTest = JavaScriptNumber.trimJavaScriptWhitespace(reader.value("smoke-test")).isEmpty ? nil : reader.value("smoke-test")
        load = try flag("load", default: false)
        compression = try LayerCompression(parsing: reader.value("compression"), level: reader.value("compression-level"))
        provenance = optional("provenance")
        sbom = optional("sbom")
        cacheFrom = lines("cache-from")
        cacheTo = lines("cache-to")
        push = try optional("push").map { text throws(InputError) in try PushMode.parse(text) } ?? .auto
        allowPullRequestPush = try flag("allow-pull-request-push", default: false)
        summary = try flag("summary", default: true)
        var loginInputs = RegistryLoginInputs()
        loginInputs.registryAuth = reader.value("registry-auth")
        loginInputs.dockerHubRegistry = reader.value("dockerhub-registry")
        loginInputs.dockerHubUsername = reader.value("dockerhub-username")
        loginInputs.dockerHubPassword = reader.value("dockerhub-password")
        loginInputs.aliyunRegistry = optional("aliyun-registry") ?? RegistryLoginInputs.defaultAliyunRegistry
        loginInputs.aliyunUsername = reader.value("aliyun-username")
        loginInputs.aliyunPassword = reader.value("aliyun-password")
        loginInputs.ghcrRegistry = reader.value("ghcr-registry")
        loginInputs.ghcrUsername = optional("ghcr-username") ?? environment["GITHUB_ACTOR"] ?? ""
        githubToken = reader.value("github-token")
        loginInputs.ghcrPassword = optional("ghcr-password") ?? githubToken
        logins = try RegistryLogins(loginInputs)
        passwordInputs = [loginInputs.dockerHubPassword, loginInputs.aliyunPassword, loginInputs.ghcrPassword]
        retryPolicy = RetryPolicy(retries: try Self.integer(reader.value("retries"), input: "retries", default: 3, range: 0...10),
                                  baseDelay: try Self.seconds(reader.value("retry-delay"), input: "retry-delay", default: 2))
        continueOnRegistryError = try flag("continue-on-registry-error", default: false)
        let patterns = reader.value("no-attestations-registries").nonEmpty ?? RegistryPatternList.attestationRejecting
        noAttestationRegistries = try RegistryPatternList(parsing: patterns.lowercased() == "none" ? "" : patterns, input: "no-attestations-registries")
        allowOverwrite = try flag("allow-overwrite", default: false)
        notifyIssue = try flag("notify-issue", default: false)
        notifyPullRequests = try flag("notify-pull-requests", default: false)
        webhook = try WebhookTarget(url: reader.value("notify-webhook"), format: reader.value("notify-webhook-format"),
                                    secret: reader.value("notify-webhook-secret"))
        mode = try BuildMode.parse(reader.value("mode"))
        explicitPlatforms = optional("platforms") == nil ? nil : platforms
        bakeFiles = InputText.lines(reader.value("bake-files")).flatMap { $0.split(separator: ",") }.map { InputText.trimmed(String($0)) }.filter { !$0.isEmpty }
        bakeTargets = InputText.lines(reader.value("bake-targets")).flatMap { $0.split(separator: ",") }.map { InputText.trimmed(String($0)) }.filter { !$0.isEmpty }
        try Self.checkBake(files: bakeFiles, targets: bakeTargets, optional: optional)
        digestsDirectory = optional("digests-dir") ?? ".openkf-build/digests"
        cache = try CacheMode.parse(reader.value("cache"))
        builderEndpoint = optional("builder-endpoint")
        qemuImage = try ImageReference.Pull(parsing: optional("qemu-image") ?? Self.defaultQEMUImage, input: "qemu-image")
        buildkitImage = try ImageReference.Pull(parsing: optional("buildkit-image") ?? BuilderChoice.defaultBuildKitImage, input: "buildkit-image")
        if mode == .platform && platforms.platforms.count != 1 {
            throw InputError(input: "platforms", value: platforms.description, reason: "names \(platforms.platforms.count) platforms for mode: platform",
                             fix: "Give each platform job its own platform, like platforms: linux/arm64 on ubuntu-24.04-arm.")
        }
        _ = try BuilderChoice.remote(endpoint: builderEndpoint, runID: "check")
        builderInsecure = try flag("builder-insecure", default: false)
        builderTLS = try RemoteBuilderTLS.read(endpoint: builderEndpoint, insecure: builderInsecure) { reader.value($0, trimmed: false) }
    }

    /// `bake-files` builds what the files define: the one-Dockerfile inputs have no place next
    /// to it, and `bake-targets` needs it.
    static func checkBake(files: [String], targets: [String], optional: (String) -> String?) throws(InputError) {
        guard !files.isEmpty else {
            if !targets.isEmpty {
                throw InputError(input: "bake-targets", value: targets.joined(separator: ","), reason: "needs bake-files", fix: "Set bake-files to the bake or compose file that defines these targets.")
            }
            return
        }
        for name in ["file", "target"] {
            if let value = optional(name) {
                throw InputError(input: name, value: value, reason: "has no effect with bake-files",
                                 fix: "Set \(name == "file" ? "dockerfile" : "target") on each target in the bake file, and remove \(name) from the step.")
            }
        }
    }

    /// A whole number in `range`; empty gives `fallback`.
    static func integer(_ raw: String, input: String, default fallback: Int, range: ClosedRange<Int>) throws(InputError) -> Int {
        let text = InputText.trimmed(raw)
        if text.isEmpty { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw InputError(input: input, value: raw, reason: "is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                             fix: "Write a number like \(fallback).")
        }
        return value
    }

    /// Seconds, as `5`, `1.5` or `5s`, at most 60; empty gives `fallback`.
    static func seconds(_ raw: String, input: String, default fallback: Double) throws(InputError) -> Double {
        var text = InputText.trimmed(raw)
        if text.isEmpty { return fallback }
        if text.hasSuffix("s") { text.removeLast() }
        guard let value = Double(text), value.isFinite, value >= 0, value <= 60 else {
            throw InputError(input: input, value: raw, reason: "is not a number of seconds from 0 to 60",
                             fix: "Write seconds like 2 or 0.5s.")
        }
        return value
    }

    /// The inputs `mode: merge` ignores because it builds nothing, one warning each.
    public var modeWarnings: [String] {
        guard mode == .merge else { return [] }
        return [("smoke-test", smokeTest != nil), ("load", load)].filter(\.1).map { name, _ in
            "\(name) has no effect in mode: merge, which builds nothing: give it to the platform jobs."
        }
    }

    /// One warning per build argument named like a credential (see `CredentialRedaction`) that
    /// has a value: build arguments stay in the image's history and provenance, and the
    /// `secrets` input exists for this.
    public var buildArgWarnings: [String] {
        buildArgs.entries.filter { !$0.value.isEmpty && CredentialRedaction.isCredentialName($0.key) }.map { entry in
            "build-args: \(entry.key) looks like a credential. Build arguments are not for secrets: they stay in the image's history and provenance "
                + "(the log shows \(entry.key)=***). Pass it with the secrets input (\(entry.key)=...) and read it in the Dockerfile with "
                + "RUN --mount=type=secret,id=\(entry.key)."
        }
    }

    /// A notice for each image the action runs that is not pinned by digest (only a user's
    /// value can be: the defaults are pinned).
    public var imageNotices: [String] {
        [("qemu-image", qemuImage, "runs with --privileged"), ("buildkit-image", buildkitImage, "runs your builds")].filter { !$0.1.isPinned }.map { input, image, role in
            "\(input) \(image) is not pinned by digest: it \(role), and whoever can push that tag decides what it is. Pin it as "
                + "\(image)@sha256:... (`docker buildx imagetools inspect \(image)` prints the index digest)."
        }
    }

    /// Every secret value, to mask before anything is printed.
    public var secretValues: [String] {
        var seen = Set<String>()
        return (logins.credentials.map(\.password) + passwordInputs + secrets.entries.map(\.value) + (webhook?.secretValues ?? []) + (builderTLS?.secretValues ?? []))
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
