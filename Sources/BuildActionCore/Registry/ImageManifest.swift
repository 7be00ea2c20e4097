import Foundation
import JavaScriptCompat

/// What a registry serves for a tag, as far as verification needs it: an image index (or
/// Docker manifest list) with its platform entries, or a single image manifest.
/// https://github.com/opencontainers/image-spec/blob/main/image-index.md
public struct ImageManifest: Sendable, Equatable {
    /// One entry of an index.
    public struct Entry: Sendable, Equatable {
        /// The entry's digest.
        public let digest: Digest
        /// Its media type.
        public let mediaType: String
        /// `os/architecture[/variant]`, or nil when the entry names no platform.
        public let platform: String?
        /// `vnd.docker.reference.type` (`attestation-manifest` for BuildKit's attestations).
        public let referenceType: String?
        /// Whether the entry is one of BuildKit's attestation manifests.
        public var isAttestation: Bool { referenceType == "attestation-manifest" }
    }

    /// The media type of the document.
    public let mediaType: String
    /// The entries of an index; empty for a single manifest.
    public let entries: [Entry]
    /// The document's own annotations.
    public let annotations: [String: String]
    /// The sizes of a single manifest's layers (compressed bytes).
    public let layerSizes: [Int]
    /// The digest of a single manifest's configuration blob (where its platform is written).
    public let configDigest: Digest?
    /// The digests of a single manifest's layers, in order.
    public let layerDigests: [Digest]

    /// The media types that mean "index".
    public static let indexTypes: Set<String> = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ]

    /// The `Accept` header value for manifest requests.
    public static let acceptedTypes = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ].joined(separator: ", ")

    /// Whether this is an index.
    public var isIndex: Bool { Self.indexTypes.contains(mediaType) }

    /// The platforms of the image entries (attestations left out).
    public var platforms: [String] {
        entries.filter { !$0.isAttestation }.compactMap(\.platform)
    }

    /// The digests of an index's platform images (attestations left out): what a release tag
    /// must keep pointing to.
    public var platformEntryDigests: Set<Digest> {
        Set(entries.filter { !$0.isAttestation }.map(\.digest))
    }

    /// Decodes a manifest document; `headerType` is the `Content-Type` when the body has none.
    /// A digest that is not `sha256:`/`sha512:` hex is `ManifestError.invalidDigest`.
    public init(parsing data: Data, headerType: String?) throws(ManifestError) {
        let json = try JSONValue(parsingManifest: data)
        mediaType = json["mediaType"]?.stringValue ?? headerType ?? ""
        if case .object(let members)? = json["annotations"] {
            annotations = members.compactMapValues(\.stringValue)
        } else {
            annotations = [:]
        }
        if case .array(let layers)? = json["layers"] {
            layerSizes = layers.compactMap { layer in
                if case .number(let size)? = layer["size"] { return Int(size) }
                return nil
            }
            var digests: [Digest] = []
            for case let text? in layers.map({ $0["digest"]?.stringValue }) { digests.append(try Self.digest(text)) }
            layerDigests = digests
        } else {
            layerSizes = []
            layerDigests = []
        }
        if let text = json["config"]?["digest"]?.stringValue {
            configDigest = try Self.digest(text)
        } else {
            configDigest = nil
        }
        guard case .array(let list)? = json["manifests"] else {
            entries = []
            return
        }
        entries = try list.map { item throws(ManifestError) in
            let platform = item["platform"].flatMap(Self.platform)
            return Entry(
                digest: try Self.digest(item["digest"]?.stringValue ?? ""),
                mediaType: item["mediaType"]?.stringValue ?? "",
                platform: platform,
                referenceType: item["annotations"]?["vnd.docker.reference.type"]?.stringValue)
        }
    }

    /// `text` as a digest, or `ManifestError.invalidDigest`.
    static func digest(_ text: String) throws(ManifestError) -> Digest {
        guard let digest = Digest(text) else { throw .invalidDigest(text) }
        return digest
    }

    /// The labels an image configuration carries (`config.Labels`).
    public static func labels(ofConfig data: Data) -> [String: String] {
        guard case .object(let labels)? = (try? JSONValue(parsing: data))?["config"]?["Labels"] else { return [:] }
        return labels.compactMapValues(\.stringValue)
    }

    /// The platform a single image's configuration blob names (`os/architecture[/variant]`).
    public static func platform(ofConfig data: Data) -> String? {
        (try? JSONValue(parsing: data)).flatMap(platform)
    }

    private static func platform(_ value: JSONValue) -> String? {
        guard let os = value["os"]?.stringValue, let architecture = value["architecture"]?.stringValue else { return nil }
        return [os, architecture, value["variant"]?.stringValue].compactMap { $0 }.joined(separator: "/")
    }
}
