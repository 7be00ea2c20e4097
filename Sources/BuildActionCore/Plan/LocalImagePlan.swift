/// What goes into the engine before anything is pushed: for `smoke-test`, each platform's
/// image under a name of its own that the script gets as `IMAGE`; for `load`, the runner's
/// platform image under the run's tags, left there for later steps. A platform that needs both
/// is loaded once. Pure: from the inputs, the tags and the run's id.
public struct LocalImagePlan: Sendable, Equatable {
    /// One `buildx build --load` of one platform, and whether the script runs on it.
    public struct Load: Sendable, Equatable {
        /// The platform loaded.
        public let platform: Platform
        /// The names the engine gives the image (the test name first when it is tested).
        public let tags: [String]
        /// The name the script gets as `IMAGE`, nil when the script does not run on it.
        public let testImage: String?
        /// The names removed once the script has run (the test name; the `load` tags stay).
        public var temporaryTags: [String] { testImage.map { [$0] } ?? [] }
    }

    /// The bake target, nil for the one Dockerfile.
    public let target: String?
    /// The loads in platform order.
    public let loads: [Load]
    /// The platform `load` leaves in the engine, nil without `load`.
    public let loadedPlatform: Platform?

    /// The plan for `platforms`; `script` is `smoke-test`, `load` the input, `tags` the run's
    /// full image tags, `host` the runner's platform and `runID` the run's id (test names of
    /// concurrent runs on one engine differ); `target` is the bake target.
    public init(platforms: PlatformList, script: String?, load: Bool, tags: [String], host: Platform, runID: String?, target: String? = nil) {
        self.target = target
        let loaded = load ? (platforms.platforms.contains(host) ? host : platforms.platforms[0]) : nil
        loadedPlatform = loaded
        loads = platforms.platforms.compactMap { platform in
            let test = script == nil ? nil : Self.testImage(platform: platform, runID: runID, target: target)
            let kept = platform == loaded ? (tags.isEmpty ? [Self.testImage(platform: platform, runID: runID, target: target)] : tags) : []
            guard test != nil || !kept.isEmpty else { return nil }
            return Load(platform: platform, tags: (test.map { [$0] } ?? []) + kept.filter { $0 != test }, testImage: test)
        }
    }

    /// Whether anything is loaded at all.
    public var isEmpty: Bool { loads.isEmpty }

    /// `openkf-build-smoke:<run id>[-<target>]-linux-arm64`: a local name no registry serves.
    public static func testImage(platform: Platform, runID: String?, target: String? = nil) -> String {
        let run = runID.flatMap { $0.allSatisfy { $0.isNumber } && !$0.isEmpty ? $0 : nil } ?? "local"
        let name = target.map { String($0.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." ? $0 : "-" }.prefix(60)) }
        return "openkf-build-smoke:" + ([run] + (name.map { [$0] } ?? []) + [platform.os, platform.architecture] + (platform.variant.map { [$0] } ?? [])).joined(separator: "-")
    }

    /// The variables the script gets besides the step's: `IMAGE`, `PLATFORM` and, with
    /// `bake-files`, `TARGET`.
    public static func scriptVariables(image: String, platform: Platform, target: String? = nil) -> [String: String] {
        ["IMAGE": image, "PLATFORM": platform.description].merging(target.map { ["TARGET": $0] } ?? [:]) { $1 }
    }

    /// The runner's variables kept from the script: tokens it has no use for.
    public static let withheldVariables = ["ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL", "GITHUB_TOKEN"]

    /// The error for a script that failed on `platform`: its status and its last lines.
    public static func failure(platform: Platform, status: Int32, lastLines: String, target: String? = nil) -> ActionError {
        ActionError(.test, "The smoke test failed \(target.map { "for \($0) " } ?? "")on \(platform) (exit status \(status)); nothing was pushed. Its last lines:\n" + lastLines,
                    hint: "The script runs once per platform with IMAGE (that platform's image, loaded in the engine) and PLATFORM; run it locally with docker run --platform \(platform) to see why.")
    }
}
