import Foundation

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
    /// without tag). `platform` (mode: platform, one job per platform) gets its own key, so the
    /// jobs of one release do not overwrite each other's cache: `buildcache-linux-arm64`, scope
    /// `<image>-linux-arm64`. `explicitFrom`/`explicitTo` (the inputs) replace the mode's own.
    public func arguments(image: String, platform: Platform? = nil, explicitFrom: [String], explicitTo: [String]) -> (from: [String], to: [String]) {
        let from: [String], to: [String]
        let key = platform.map { "-" + $0.description.replacingOccurrences(of: "/", with: "-") } ?? ""
        switch self {
        case .none:
            (from, to) = ([], [])
        case .registry:
            let ref = "\(image):buildcache\(key)"
            (from, to) = (["type=registry,ref=\(ref)"], ["type=registry,ref=\(ref),mode=max,image-manifest=true,oci-mediatypes=true"])
        case .gha:
            let scope = image.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ":", with: "-") + key
            (from, to) = (["type=gha,scope=\(scope),version=2"], ["type=gha,scope=\(scope),mode=max,version=2"])
        }
        return (explicitFrom.isEmpty ? from : explicitFrom, explicitTo.isEmpty ? to : explicitTo)
    }
}

extension CacheMode {
    /// Warnings for `type=local` caches (in `cache-from`/`cache-to`) whose directory lies inside
    /// the action's container, outside every directory the runner mounts into it (`kept`: the
    /// workspace, HOME, RUNNER_TEMP): buildx writes or reads it in a container that is removed
    /// when the step ends. A relative path is in the workspace (the step's working directory).
    public static func containerLocalWarnings(from: [String], to: [String], kept: [String]) -> [String] {
        func isKept(_ path: String) -> Bool {
            !path.hasPrefix("/") || kept.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        let entries = from.map { ("cache-from", "src", $0) } + to.map { ("cache-to", "dest", $0) }
        return entries.compactMap { input, key, entry in
            let fields = entry.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.contains("type=local"), let path = fields.first(where: { $0.hasPrefix(key + "=") })?.dropFirst(key.count + 1),
                  !isKept(String(path)) else { return nil }
            return "\(input): \(entry) is inside the action's container, which is removed when the step ends, so this cache "
                + "\(input == "cache-to" ? "is lost" : "is never there"). Use cache: gha or cache: registry, or a directory under $RUNNER_TEMP "
                + "or the workspace kept with actions/cache."
        }
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
