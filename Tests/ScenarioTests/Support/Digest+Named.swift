import BuildActionCore

extension Digest {
    /// A well-formed digest standing for `name` in a test (the SHA-256 of the name).
    static func named(_ name: String) -> Digest { .sha256(of: Array(name.utf8)) }
}
