/// Resolves one platform specifier against `Platform.supported`, with containerd's
/// normalization and "did you mean" suggestions for near misses.
struct PlatformResolver {
    let text: String
    let input: String

    /// Spellings accepted by normalization, offered as suggestion targets too.
    private static let aliases: [(String, String)] = [
        ("linux/x86_64", "linux/amd64"), ("linux/x86-64", "linux/amd64"),
        ("linux/aarch64", "linux/arm64"), ("linux/i386", "linux/386"),
        ("linux/armhf", "linux/arm/v7"), ("linux/armel", "linux/arm/v6")
    ]

    private static let generalFix = "Use os/arch[/variant], one of: "
        + Platform.supported.map(\.description).joined(separator: ", ") + "."

    /// The supported platform `text` names, or an error explaining the miss.
    func resolve() throws(InputError) -> Platform {
        let lower = InputText.asciiLowercased(text)
        let parts = lower.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            throw singlePartError(parts[0])
        }
        guard parts.count <= 3, !parts.contains(where: \.isEmpty) else { throw unknownError(lower) }
        let os = parts[0] == "macos" ? "darwin" : parts[0]
        let (arch, variant) = PlatformResolver.normalizeArch(parts[1], parts.count == 3 ? parts[2] : "")
        let candidate = Platform(os: os, architecture: arch, variant: variant.isEmpty ? nil : variant)
        if Platform.supported.contains(candidate) { return candidate }
        throw mismatchError(candidate, lower: lower)
    }

    /// containerd's architecture/variant normalization.
    static func normalizeArch(_ arch: String, _ variant: String) -> (String, String) {
        switch arch {
        case "i386": return ("386", "")
        case "x86_64", "x86-64", "amd64": return ("amd64", variant == "v1" ? "" : variant)
        case "aarch64", "arm64": return ("arm64", variant == "8" || variant == "v8" ? "" : variant)
        case "armhf": return ("arm", "v7")
        case "armel": return ("arm", "v6")
        case "arm":
            switch variant {
            case "", "7": return ("arm", "v7")
            case "5", "6", "8": return ("arm", "v" + variant)
            default: return ("arm", variant)
            }
        default: return (arch, variant)
        }
    }

    private func error(_ reason: String, _ fix: String) -> InputError {
        InputError(input: input, value: text, reason: reason, fix: fix)
    }

    private func singlePartError(_ part: String) -> InputError {
        let (arch, variant) = PlatformResolver.normalizeArch(part, "")
        let guess = Platform(os: "linux", architecture: arch, variant: variant.isEmpty ? nil : variant)
        if Platform.supported.contains(guess) {
            return error("has no operating system", "Did you mean \(guess)?")
        }
        if part == "linux" {
            return error("has no architecture", "Write os/arch, like linux/amd64 or linux/arm64.")
        }
        return unknownError(part)
    }

    private func mismatchError(_ candidate: Platform, lower: String) -> InputError {
        guard candidate.os == "linux", candidate.variant != nil else { return unknownError(lower) }
        let sameArch = Platform.supported.filter { $0.architecture == candidate.architecture }
        guard !sameArch.isEmpty else { return unknownError(lower) }
        let names = sameArch.map(\.description).joined(separator: " or ")
        return error("has an unsupported variant for \(candidate.architecture)", "Use \(names).")
    }

    private func unknownError(_ lower: String) -> InputError {
        let candidates = Platform.supported.map { ($0.description, $0.description) } + PlatformResolver.aliases
        if let suggestion = EditDistance.closest(to: lower, in: candidates) {
            return error("is not a known platform", "Did you mean \(suggestion)?")
        }
        return error("is not a known platform", PlatformResolver.generalFix)
    }
}
