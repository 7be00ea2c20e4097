extension ImageReference {
    /// An image the action itself pulls and runs (`qemu-image`, `buildkit-image`): a name, an
    /// optional tag and an optional digest, `name[:tag][@digest]`, as docker's reference
    /// grammar writes it (`tonistiigi/binfmt:qemu-v7.0.0-28@sha256:...`). With a digest, docker
    /// and buildx run exactly that content whatever the tag names today.
    ///
    /// Parsing is strict, so that the value can only ever be one image argument: no options
    /// (`-v`), no spaces, no `,` (buildx splits `--driver-opt` at commas), lower-case names.
    ///
    /// - SeeAlso: https://github.com/distribution/reference/blob/main/reference.go (the grammar)
    public struct Pull: Sendable, Hashable, CustomStringConvertible {
        /// The repository name as written (`tonistiigi/binfmt`, `localhost:5000/a/b`).
        public let name: String
        /// The repository, split as `images` entries are.
        public let image: ImageReference
        /// The tag, or nil.
        public let tag: String?
        /// The digest (`sha256:` and 64 hex digits), or nil.
        public let digest: String?

        /// Parses `text`; `input` names the input in errors.
        public init(parsing text: String, input: String) throws(InputError) {
            var rest = Substring(text)
            if let at = text.lastIndex(of: "@") {
                let digest = String(text[text.index(after: at)...])
                guard Self.isDigest(digest) else {
                    throw InputError(input: input, value: text, reason: "has an invalid digest",
                                     fix: "Write the digest as sha256: and 64 lower-case hex digits, as `docker buildx imagetools inspect` prints it.")
                }
                self.digest = digest
                rest = text[..<at]
            } else {
                digest = nil
            }
            let afterSlash = rest.lastIndex(of: "/").map { rest.index(after: $0) } ?? rest.startIndex
            if let colon = rest[afterSlash...].lastIndex(of: ":") {
                let tag = String(rest[rest.index(after: colon)...])
                guard ReferenceGrammar.isValidTag(tag) else {
                    throw InputError(input: input, value: text, reason: tag.isEmpty ? "has an empty tag" : "has an invalid tag",
                                     fix: "Write name:tag@sha256:digest, like tonistiigi/binfmt:qemu-v7.0.0-28@sha256:...; tags are letters, digits, `_`, `.` and `-`.")
                }
                self.tag = tag
                rest = rest[..<colon]
            } else {
                tag = nil
            }
            name = String(rest)
            image = try ImageReference.parse(name, input: input, shown: text, suffix: "")
        }

        /// Whether a digest fixes the content.
        public var isPinned: Bool { digest != nil }

        /// `name[:tag][@digest]`, as written.
        public var description: String {
            name + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
        }

        /// `sha256:` + 64 or `sha512:` + 128 lower-case hex digits.
        static func isDigest(_ text: String) -> Bool {
            for (algorithm, length) in [("sha256:", 64), ("sha512:", 128)] where text.hasPrefix(algorithm) {
                let hex = text.utf8.dropFirst(algorithm.utf8.count)
                return hex.count == length && hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            }
            return false
        }
    }
}
