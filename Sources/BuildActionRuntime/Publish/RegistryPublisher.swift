import BuildActionCore
import Foundation

/// Pushes a built image from the OCI layout to one repository: the blobs the registry lacks,
/// the platform (and attestation) manifests by digest, then the index under every tag. Every
/// request is retried on its own when it fails transiently.
public struct RegistryPublisher: Sendable {
    /// The registry's client.
    public let client: RegistryClient
    /// The repository (`openimsdk/openkf-server`).
    public let repository: String
    /// Where the blobs are.
    public let layout: OCILayout
    /// The retry behaviour.
    public let retrying: Retrying

    /// Another repository of the same registry that already has the blobs (cross-repository
    /// mount instead of upload), or nil.
    public let mountSource: String?

    /// A publisher; see the properties.
    public init(client: RegistryClient, repository: String, layout: OCILayout, retrying: Retrying, mountSource: String? = nil) {
        self.client = client
        self.repository = repository
        self.layout = layout
        self.retrying = retrying
        self.mountSource = mountSource
    }

    /// What a push did.
    public struct Report: Sendable, Equatable {
        /// Blobs uploaded.
        public var uploaded = 0
        /// Blobs the registry already had.
        public var present = 0
        /// Bytes uploaded.
        public var bytes = 0
        /// Blobs mounted from another repository of the registry.
        public var mounted = 0
    }

    /// Pushes `image` under `tags`.
    public func publish(_ image: PushableImage, tags: [String]) async throws(RegistryError) -> Report {
        var report = Report()
        let registry = client.registry
        for digest in image.blobs {
            let present = try await retrying.run("\(registry): check blob \(digest.prefix(19))") { () async throws(RegistryError) -> Bool in
                try await client.hasBlob(repository: repository, digest: digest)
            }
            if present {
                report.present += 1
                continue
            }
            if let mountSource {
                let mounted = try await retrying.run("\(registry): mount blob \(digest.prefix(19)) from \(mountSource)") { () async throws(RegistryError) -> Bool in
                    try await client.mountBlob(repository: repository, digest: digest, from: mountSource)
                }
                if mounted {
                    report.mounted += 1
                    continue
                }
            }
            let data: Data
            do {
                data = try layout.read(digest)
            } catch {
                throw RegistryError(status: 0, message: "the build output lacks blob \(digest): \(error)")
            }
            try await retrying.run("\(registry): upload blob \(digest.prefix(19)) (\(data.count) bytes)") { () async throws(RegistryError) in
                try await client.uploadBlob(repository: repository, digest: digest, data: data)
            }
            report.uploaded += 1
            report.bytes += data.count
        }
        for child in image.children {
            try await retrying.run("\(registry): put manifest \(child.digest.prefix(19))") { () async throws(RegistryError) in
                try await client.putManifest(repository: repository, reference: child.digest, mediaType: child.mediaType, data: child.data)
            }
        }
        if tags.isEmpty {
            try await retrying.run("\(registry): put \(image.top.digest.prefix(19)) by digest") { () async throws(RegistryError) in
                try await client.putManifest(repository: repository, reference: image.top.digest, mediaType: image.top.mediaType, data: image.top.data)
            }
        }
        for tag in tags {
            try await retrying.run("\(registry): tag \(tag)") { () async throws(RegistryError) in
                try await client.putManifest(repository: repository, reference: tag, mediaType: image.top.mediaType, data: image.top.data)
            }
        }
        return report
    }

    /// The platform images `tag` points to now, or nil when the tag does not exist.
    public func platformDigests(ofTag tag: String) async throws(RegistryError) -> Set<String>? {
        do {
            let fetched = try await retrying.run("\(client.registry): read tag \(tag)") { () async throws(RegistryError) -> RegistryClient.Fetched in
                try await client.manifest(repository: repository, reference: tag)
            }
            return fetched.platformImages
        } catch where error.status == 404 {
            return nil
        }
    }
}
