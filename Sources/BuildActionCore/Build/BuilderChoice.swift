/// Which buildx builder a run uses. The engine's own builder (`docker` driver) can build and
/// push several platforms at once only on the containerd image store; otherwise the run creates
/// a `docker-container` builder (which needs the moby/buildkit image) and removes it afterwards.
public enum BuilderChoice: Sendable, Equatable {
    /// The engine's default builder.
    case engine
    /// A builder this run creates under `name` and removes when done.
    case created(name: String)

    /// Decides from `docker info --format '{{json .DriverStatus}}'`'s text.
    public static func decide(driverStatus: String, runID: String) -> BuilderChoice {
        driverStatus.contains("io.containerd.snapshotter") ? .engine : .created(name: "openkf-build-\(runID)")
    }

    /// The builder name to pass to `buildx build --builder`, nil for the current one.
    public var buildName: String? {
        if case .created(let name) = self { return name }
        return nil
    }

    /// `docker` arguments that create the builder (nil for the engine's).
    /// `buildkitImage` is the BuildKit image (`moby/buildkit:buildx-stable-1` on GitHub).
    public func createArguments(buildkitImage: String?) -> [String]? {
        guard case .created(let name) = self else { return nil }
        var arguments = ["buildx", "create", "--name", name, "--driver", "docker-container", "--driver-opt", "network=host"]
        if let buildkitImage { arguments += ["--driver-opt", "image=\(buildkitImage)"] }
        return arguments + ["--bootstrap"]
    }

    /// `docker` arguments that remove the builder (nil for the engine's).
    public var removeArguments: [String]? {
        guard case .created(let name) = self else { return nil }
        return ["buildx", "rm", "--force", name]
    }
}
