/// The `platforms` input: platforms separated by commas and/or newlines, trimmed,
/// normalized, duplicates removed keeping the first occurrence's position.
public struct PlatformList: Sendable, Equatable, CustomStringConvertible {
    /// The platforms in input order, without duplicates.
    public let platforms: [Platform]

    /// Parses the list; an empty list or any unknown platform is an error.
    /// - Parameter input: the input name used in errors (default `platforms`).
    public init(parsing text: String, input: String = "platforms") throws(InputError) {
        var result: [Platform] = []
        for line in InputText.lines(text) {
            for item in line.split(separator: ",", omittingEmptySubsequences: false) {
                let entry = InputText.trimmed(String(item))
                guard !entry.isEmpty else { continue }
                let platform = try Platform(parsing: entry, input: input)
                if !result.contains(platform) { result.append(platform) }
            }
        }
        guard !result.isEmpty else {
            throw InputError(input: input, value: text, reason: "lists no platform",
                             fix: "List at least one, like linux/amd64,linux/arm64.")
        }
        platforms = result
    }

    /// A list of one platform.
    public init(_ platform: Platform) {
        platforms = [platform]
    }

    /// The comma-separated value for `docker buildx build --platform`.
    public var description: String { platforms.map(\.description).joined(separator: ",") }
}
