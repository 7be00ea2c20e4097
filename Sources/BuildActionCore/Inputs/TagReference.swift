/// A tagged image reference, `name:tag`, split at the last `:` after the last `/`.
public struct TagReference: Sendable, Hashable, CustomStringConvertible {
    /// The repository part, parsed like the `images` input.
    public let image: ImageReference
    /// The tag, matching `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
    public let tag: String

    /// Parses `name:tag` strictly; a missing or invalid tag, a digest or upper-case name is an error.
    /// - Parameter input: the input name used in errors (default `tags`).
    public init(parsing text: String, input: String = "tags") throws(InputError) {
        let afterSlash = text.lastIndex(of: "/").map { text.index(after: $0) } ?? text.startIndex
        if let at = text.firstIndex(of: "@") {
            throw InputError(input: input, value: text, reason: "includes a digest",
                             fix: "Remove `\(text[at...])`: write name:tag.")
        }
        guard let colon = text[afterSlash...].lastIndex(of: ":") else {
            throw InputError(input: input, value: text, reason: "has no tag",
                             fix: "Write name:tag, like ghcr.io/openimsdk/openkf-server:v1.0.0.")
        }
        if text[afterSlash..<colon].contains(":") {
            throw InputError(input: input, value: text, reason: "has more than one tag",
                             fix: "Write name:tag with a single `:` after the last `/`.")
        }
        let tag = String(text[text.index(after: colon)...])
        image = try ImageReference.parse(String(text[..<colon]), input: input, shown: text, suffix: ":" + tag)
        guard ReferenceGrammar.isValidTag(tag) else {
            throw InputError(input: input, value: text, reason: tag.isEmpty ? "has an empty tag" : "has an invalid tag",
                             fix: "Tags are 1 to 128 letters, digits, `_`, `.` or `-`, and do not start with `.` or `-`.")
        }
        self.tag = tag
    }

    /// `canonicalName:tag`, like `docker.io/library/busybox:1.36`.
    public var canonicalName: String { "\(image.canonicalName):\(tag)" }

    /// `familiarName:tag`, like `busybox:1.36`.
    public var familiarName: String { "\(image.familiarName):\(tag)" }

    /// The canonical form (see `canonicalName`).
    public var description: String { canonicalName }
}
