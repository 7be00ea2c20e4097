import Foundation
import JavaScriptCompat

/// A manifest or image index that cannot be read or rewritten: not JSON, not the bytes its
/// digest names, an index without its list, or a platform image the merge cannot place.
public enum ManifestError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// The document is not JSON; `reason` is the JSON parser's message.
    case notJSON(reason: String)
    /// A manifest's bytes do not hash to the digest its index names.
    case digestMismatch(digest: Digest)
    /// A descriptor's digest is not `sha256:`/`sha512:` and lower-case hex (quoted as found).
    case invalidDigest(String)
    /// An index that is being rewritten has no `manifests` array.
    case noManifestsList
    /// A single image manifest given to the merge names no platform.
    case noPlatform(digest: Digest)
    /// The same single image manifest was given to the merge twice.
    case listedTwice(digest: Digest)

    /// What went wrong, naming the manifest.
    public var description: String {
        switch self {
        case .notJSON(let reason): reason
        case .digestMismatch(let digest): "manifest \(digest) does not match its digest"
        case .invalidDigest(let text): "the manifest names a digest that is not sha256: or sha512: and lower-case hex: \(InputError.quoted(text))"
        case .noManifestsList: "the index has no manifests list"
        case .noPlatform(let digest): "the image \(digest) names no platform"
        case .listedTwice(let digest): "the image \(digest) is listed twice"
        }
    }

    /// What to do, for the failures a workflow can fix.
    public var hint: String? {
        switch self {
        case .noPlatform: "Run mode: platform with one platform per run."
        case .listedTwice: "Each digest file in digests-dir must come from a different mode: platform run."
        case .notJSON, .digestMismatch, .invalidDigest, .noManifestsList: nil
        }
    }
}

extension JSONValue {
    /// Parses a manifest or index document (an OCI layout's `index.json` too).
    public init(parsingManifest data: Data) throws(ManifestError) {
        do {
            self = try JSONValue(parsing: data)
        } catch {
            throw .notJSON(reason: error.message)
        }
    }
}
