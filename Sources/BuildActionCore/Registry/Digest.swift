/// A content digest as OCI and the distribution API write it: `sha256:` and 64, or `sha512:`
/// and 128, lower-case hex digits. Anything else is refused where a digest enters the action
/// (manifests, the OCI layout, registry headers, digest files), so a `Digest` can go into a URL
/// path or a file name as it is.
/// https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
public struct Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `sha256` or `sha512`.
    public let algorithm: String
    /// The hex digits.
    public let encoded: String

    /// The digest `text` spells, or nil when it is not one of the two accepted forms.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let length = ["sha256": 64, "sha512": 128][String(parts[0])],
              parts[1].utf8.count == length, parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        algorithm = String(parts[0])
        encoded = String(parts[1])
    }

    /// The SHA-256 digest of `bytes`.
    public static func sha256<Bytes: Sequence>(of bytes: Bytes) -> Digest where Bytes.Element == UInt8 {
        Digest(SHA256.digest(bytes))!
    }

    /// `sha256:0123…`.
    public var description: String { algorithm + ":" + encoded }

    /// The first 12 hex digits with the algorithm (`sha256:0123456789ab`), for progress lines.
    public var short: String { algorithm + ":" + encoded.prefix(12) }

    /// Ordered by their text.
    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }
}
