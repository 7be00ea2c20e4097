/// A tag as registries accept it: 1 to 128 letters, digits, `_`, `.` or `-`, not starting with
/// `.` or `-`. Tags go into registry URLs (`/v2/<name>/manifests/<tag>`), so anything else is
/// refused before a run starts.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
public struct Tag: Hashable, Sendable, CustomStringConvertible {
    /// The tag.
    public let description: String

    /// The tag `text` spells, or nil when registries would not accept it.
    public init?(_ text: String) {
        guard ReferenceGrammar.isValidTag(text) else { return nil }
        description = text
    }
}
