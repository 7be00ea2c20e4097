/// Which buildx builder a run uses. The engine's own builder (`docker` driver) can build and
/// push several platforms at once only on the containerd image store; otherwise the run creates
/// a `docker-container` builder (which needs the moby/buildkit image) and removes it afterwards.
public enum BuilderChoice: Sendable, Equatable {
    /// The engine's default builder.
    case engine
    /// A builder this run creates under `name` and removes when done.
    case created(name: String)
    /// A remote BuildKit (`builder-endpoint`, buildx's `remote` driver) this run registers
    /// under `name` and removes when done.
    case remote(name: String, endpoint: String)

    /// The default `buildkit-image` of the docker-container builder. buildx's own default,
    /// moby/buildkit:buildx-stable-1, is a tag its account moves; this is a release pinned by
    /// the digest of its multi-platform index. To update: `docker buildx imagetools inspect
    /// moby/buildkit:vX.Y.Z` and copy the `Digest:` line (the index's), here and in action.yml.
    /// Digest as pinned by garden-io/garden (images/buildkit/Dockerfile, v0.23.2).
    public static let defaultBuildKitImage = "moby/buildkit:v0.23.2@sha256:ddd1ca44b21eda906e81ab14a3d467fa6c39cd73b9a39df1196210edcb8db59e"

    /// The prefix of every builder name this action creates.
    static let namePrefix = "openkf-build-"

    /// The run ID in builder names: `GITHUB_RUN_ID` when it is a number (as on GitHub), else
    /// `processID`. Only digits, so that the post step can recognise the names it may remove.
    public static func runID(githubRunID: String?, processID: Int32) -> String {
        if let value = githubRunID, (1...20).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return value
        }
        return String(processID)
    }

    /// Whether `name` is one the main step creates: `openkf-build-<digits>` (docker-container)
    /// or `openkf-build-remote-<digits>` (remote). The post step passes nothing else to docker.
    public static func isCreatedName(_ name: String) -> Bool {
        guard name.hasPrefix(namePrefix) else { return false }
        var rest = Substring(name.dropFirst(namePrefix.count))
        if rest.hasPrefix("remote-") { rest = rest.dropFirst("remote-".count) }
        return (1...20).contains(rest.utf8.count) && rest.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Decides from `docker info --format '{{json .DriverStatus}}'`'s text.
    public static func decide(driverStatus: String, runID: String) -> BuilderChoice {
        driverStatus.contains("io.containerd.snapshotter") ? .engine : .created(name: namePrefix + runID)
    }

    /// The builder for `builder-endpoint` (`tcp://host:port`, `unix://...`, `ssh://...`), or nil.
    public static func remote(endpoint: String?, runID: String) throws(InputError) -> BuilderChoice? {
        guard let value = endpoint.map(InputText.trimmed), !value.isEmpty else { return nil }
        let schemes = ["tcp://", "unix://", "ssh://", "docker-container://", "kube-pod://"]
        guard schemes.contains(where: value.hasPrefix), !value.contains(where: { $0 == " " || $0 == "\n" }) else {
            throw InputError(input: "builder-endpoint", value: value, reason: "is not a BuildKit address",
                             fix: "Give buildkitd's address, like tcp://buildkit.example.com:1234 (buildx's remote driver).")
        }
        return .remote(name: namePrefix + "remote-" + runID, endpoint: value)
    }

    /// The builder name to pass to `buildx build --builder`, nil for the current one.
    public var buildName: String? {
        switch self {
        case .engine: return nil
        case .created(let name), .remote(let name, _): return name
        }
    }

    /// `docker` arguments that create the builder (nil for the engine's).
    /// `buildkitImage` is the docker-container builder's image (`defaultBuildKitImage` when nil);
    /// `tls` the remote builder's TLS files (paths only: the contents never reach argv).
    public func createArguments(buildkitImage: String?, tls: RemoteBuilderTLS.Files? = nil) -> [String]? {
        switch self {
        case .engine:
            return nil
        case .created(let name):
            return ["buildx", "create", "--name", name, "--driver", "docker-container", "--driver-opt", "network=host",
                    "--driver-opt", "image=\(buildkitImage ?? Self.defaultBuildKitImage)", "--bootstrap"]
        case .remote(let name, let endpoint):
            let options = (tls?.driverOptions ?? []).flatMap { ["--driver-opt", $0] }
            return ["buildx", "create", "--name", name, "--driver", "remote"] + options + [endpoint, "--bootstrap"]
        }
    }

    /// `docker` arguments that remove the builder (nil for the engine's).
    public var removeArguments: [String]? {
        buildName.map { ["buildx", "rm", "--force", $0] }
    }
}
