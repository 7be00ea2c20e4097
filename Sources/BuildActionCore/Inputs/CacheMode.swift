/// The `cache` input: where the build cache lives between runs. Explicit `cache-from` and
/// `cache-to` win over it; a cache export is a push, so none happens on pull requests.
public enum CacheMode: String, Sendable, Equatable, CaseIterable {
    /// No cache beyond the builder's own (docker/build-push-action's default).
    case none
    /// A `buildcache` tag in the first image's repository, all layers (`mode=max`), as an OCI
    /// image manifest (what GHCR, Docker Hub and ECR accept).
    case registry
    /// GitHub's cache service, scoped per image; `version=2` because a container action does
    /// not receive the runner's cache-service variable that selects it.
    case gha

    /// Parses the input; empty means `none`.
    public static func parse(_ raw: String) throws(InputError) -> CacheMode {
        let text = InputText.trimmed(raw).lowercased()
        if text.isEmpty { return .none }
        guard let mode = CacheMode(rawValue: text) else {
            throw InputError(input: "cache", value: raw, reason: "is not a cache mode", fix: "Use registry, gha or none.")
        }
        return mode
    }

    /// `--cache-from` and `--cache-to` values for `image` (the first image name, lowercase,
    /// without tag). `explicitFrom`/`explicitTo` (the inputs) replace the mode's own.
    public func arguments(image: String, explicitFrom: [String], explicitTo: [String]) -> (from: [String], to: [String]) {
        let from: [String], to: [String]
        switch self {
        case .none:
            (from, to) = ([], [])
        case .registry:
            let ref = "\(image):buildcache"
            (from, to) = (["type=registry,ref=\(ref)"], ["type=registry,ref=\(ref),mode=max,image-manifest=true,oci-mediatypes=true"])
        case .gha:
            let scope = image.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ":", with: "-")
            (from, to) = (["type=gha,scope=\(scope),version=2"], ["type=gha,scope=\(scope),mode=max,version=2"])
        }
        return (explicitFrom.isEmpty ? from : explicitFrom, explicitTo.isEmpty ? to : explicitTo)
    }
}

/// The `mode` input: one job for every platform, or one job per platform plus a merge.
public enum BuildMode: String, Sendable, Equatable, CaseIterable {
    /// Build every platform and publish them under the tags (the default).
    case build
    /// Build this runner's platform(s) and push by digest only, writing a digest file for
    /// the merge job.
    case platform
    /// No build: compose the tagged multi-platform index from the digest files.
    case merge

    /// Parses the input; empty means `build`.
    public static func parse(_ raw: String) throws(InputError) -> BuildMode {
        let text = InputText.trimmed(raw).lowercased()
        if text.isEmpty { return .build }
        guard let mode = BuildMode(rawValue: text) else {
            throw InputError(input: "mode", value: raw, reason: "is not a mode",
                             fix: "Use build (every platform in this job), platform (this job's platforms, pushed by digest) or merge.")
        }
        return mode
    }
}
