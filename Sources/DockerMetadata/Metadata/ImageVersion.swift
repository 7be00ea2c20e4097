/// The version metadata-action derives from the tag rules: the main tag, the other tags, and
/// whether `latest` goes on too.
public struct ImageVersion: Sendable, Equatable {
    /// The first tag produced (the `version` output); nil when no rule produced one.
    public var main: String?
    /// Every later, distinct tag, in rule order.
    public var partial: [String] = []
    /// Decided by the first rule that produced a tag.
    public var latest: Bool?

    /// An empty version.
    public init(main: String? = nil, partial: [String] = [], latest: Bool? = nil) {
        self.main = main
        self.partial = partial
        self.latest = latest
    }

    /// Adds a tag value (sanitized): the first becomes `main`; empty values are ignored.
    mutating func add(_ value: String, latest wantsLatest: Bool) {
        guard !value.isEmpty else { return }
        let tag = Self.sanitizeTag(value)
        if main == nil {
            main = tag
        } else if tag != main {
            partial.append(tag)
        }
        if latest == nil { latest = wantsLatest }
    }

    /// `tag.replace(/[^a-zA-Z0-9._-]+/g, '-')`.
    public static func sanitizeTag(_ tag: String) -> String {
        var result = ""
        var inRun = false
        for scalar in tag.unicodeScalars {
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
            if allowed {
                result.unicodeScalars.append(scalar)
                inRun = false
            } else if !inRun {
                result.append("-")
                inRun = true
            }
        }
        return result
    }

    /// Removes repeated partial tags (first occurrence kept) and settles `latest`.
    mutating func finish() {
        var seen = Set<String>()
        partial = partial.filter { seen.insert($0).inserted }
        if latest == nil { latest = false }
    }
}
