import Foundation
import JavaScriptCompat

/// What one build produced, as a registry receives it: the top document (an index, or a
/// single image manifest), the manifests it lists, and the blobs each of them needs.
public struct PushableImage: Sendable, Equatable {
    /// One manifest document with what it refers to.
    public struct Document: Sendable, Equatable {
        /// `sha256:` digest of `data`.
        public let digest: Digest
        /// Its media type (sent as `Content-Type`).
        public let mediaType: String
        /// The exact bytes.
        public let data: Data
        /// Configuration and layer digests (for an image manifest), in upload order.
        public let blobs: [Digest]
        /// Whether it is one of BuildKit's attestation manifests.
        public let isAttestation: Bool
        /// `os/architecture[/variant]` from the index entry, when it names one.
        public let platform: String?
    }

    /// The index (or the single image manifest).
    public let top: Document
    /// The manifests the index lists, attestations included; empty for a single manifest.
    public let children: [Document]

    /// Reads an image from its top document; `read` returns a manifest's bytes by digest.
    /// Throws a `ManifestError`, or what `read` throws.
    public init(top data: Data, mediaType: String?, read: (Digest) throws -> Data) throws {
        let parsed = try ImageManifest(parsing: data, headerType: mediaType)
        top = Document(digest: .sha256(of: data), mediaType: parsed.mediaType, data: data,
                       blobs: parsed.isIndex ? [] : [parsed.configDigest].compactMap { $0 } + parsed.layerDigests,
                       isAttestation: false, platform: nil)
        guard parsed.isIndex else {
            children = []
            return
        }
        children = try parsed.entries.map { entry in
            let bytes = try read(entry.digest)
            guard Digest.sha256(of: bytes) == entry.digest else { throw ManifestError.digestMismatch(digest: entry.digest) }
            let child = try ImageManifest(parsing: bytes, headerType: entry.mediaType)
            return Document(digest: entry.digest, mediaType: entry.mediaType.isEmpty ? child.mediaType : entry.mediaType, data: bytes,
                            blobs: [child.configDigest].compactMap { $0 } + child.layerDigests,
                            isAttestation: entry.isAttestation, platform: entry.platform)
        }
    }

    private init(top: Document, children: [Document]) {
        self.top = top
        self.children = children
    }

    /// Whether the index lists attestation manifests.
    public var hasAttestations: Bool { children.contains(where: \.isAttestation) }

    /// The platform images (what a release tag must keep pointing to): the index's
    /// non-attestation entries, or the single manifest itself.
    public var platformDigests: Set<Digest> {
        children.isEmpty ? [top.digest] : Set(children.filter { !$0.isAttestation }.map(\.digest))
    }

    /// The same image without attestation manifests (for registries that reject them, like
    /// Alibaba Cloud ACR): the index is rewritten without those entries, so its digest changes.
    public func withoutAttestations() throws(ManifestError) -> PushableImage {
        guard hasAttestations else { return self }
        guard case .object(var members) = try JSONValue(parsingManifest: top.data), case .array(let entries)? = members["manifests"] else {
            throw .noManifestsList
        }
        members["manifests"] = .array(entries.filter { $0["annotations"]?["vnd.docker.reference.type"]?.stringValue != "attestation-manifest" })
        let data = Data(JSONText.from(.object(members)).compact.utf8)
        let document = Document(digest: .sha256(of: data), mediaType: top.mediaType, data: data, blobs: [], isAttestation: false, platform: nil)
        return PushableImage(top: document, children: children.filter { !$0.isAttestation })
    }

    /// Every blob digest, each once, in upload order.
    public var blobs: [Digest] {
        var seen = Set<Digest>()
        return (children.flatMap(\.blobs) + top.blobs).filter { seen.insert($0).inserted }
    }
}

extension PushableImage {
    /// The platform images with their platform and compressed size (layers), read from the
    /// manifests themselves, so that nothing has to be fetched back from a registry.
    /// `configPlatform` names the platform of a single image manifest from its configuration.
    public func platformImages(configPlatform: (Digest) -> String?) -> [(platform: String, bytes: Int)] {
        let documents = children.isEmpty ? [top] : children.filter { !$0.isAttestation }
        return documents.compactMap { document in
            guard let manifest = try? ImageManifest(parsing: document.data, headerType: document.mediaType) else { return nil }
            let platform = document.platform ?? manifest.configDigest.flatMap(configPlatform) ?? "image"
            return (platform, manifest.layerSizes.reduce(0, +))
        }
    }
}
