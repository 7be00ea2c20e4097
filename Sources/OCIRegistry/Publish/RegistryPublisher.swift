import BuildActionCore
import Foundation

/// Pushes a built image from the OCI layout to one repository: the blobs the registry lacks
/// (three at once, as containerd does, each streamed from its file), the platform (and
/// attestation) manifests by digest, then the index under every tag. Every request is retried
/// on its own when it fails transiently; a manifest PUT answered BLOB_UNKNOWN right after its
/// blobs were uploaded is retried as the registry's read-after-write lag.
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
    /// How blobs are split into requests (learned from refusals while pushing).
    let sizing: SharedChunkSizing
    /// The run's other pushes: blobs they hold are mounted, blobs they are uploading waited for.
    public let ledger: BlobLedger?

    /// Blobs uploaded to one registry at once.
    public static let concurrentUploads = 3

    /// A publisher; see the properties.
    public init(client: RegistryClient, repository: String, layout: OCILayout, retrying: Retrying, mountSource: String? = nil,
                sizing: ChunkSizing? = nil, ledger: BlobLedger? = nil) {
        self.ledger = ledger
        self.client = client
        self.repository = repository
        self.layout = layout
        self.retrying = retrying
        self.mountSource = mountSource
        self.sizing = SharedChunkSizing(sizing ?? .standard(registry: client.registry))
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
        /// Blobs uploaded in chunks.
        public var chunked = 0

        /// Nothing counted yet.
        public init() {}
    }

    /// Pushes `image` under `tags` (by digest when there are none).
    public func publish(_ image: PushableImage, tags: [String]) async throws(RegistryError) -> Report {
        let blobs: [BlobUploader.Blob]
        do {
            blobs = try image.blobs.map(layout.blob)
        } catch {
            throw RegistryError(status: nil, code: "LAYOUT", message: "the build output is incomplete: \(error)")
        }
        let report = try await push(blobs)
        let registry = client.registry
        for child in image.children {
            try await retrying.run("\(registry): put manifest \(child.digest.short)", toleratingLag: Self.isBlobLag) { () async throws(RegistryError) in
                try await client.putManifest(repository: repository, reference: child.digest.description, mediaType: child.mediaType, data: child.data)
            }
        }
        for reference in tags.isEmpty ? [image.top.digest.description] : tags {
            try await retrying.run("\(registry): \(tags.isEmpty ? "put \(image.top.digest.short) by digest" : "tag \(reference)")", toleratingLag: Self.isBlobLag) { () async throws(RegistryError) in
                try await client.putManifest(repository: repository, reference: reference, mediaType: image.top.mediaType, data: image.top.data)
            }
        }
        return report
    }

    /// A manifest PUT refused for blobs or manifests the registry does not show yet.
    static func isBlobLag(_ error: RegistryError) -> Bool {
        error.code == "BLOB_UNKNOWN" || error.code == "MANIFEST_BLOB_UNKNOWN"
    }

    /// Every blob, `concurrentUploads` at a time; the first failure stops the others.
    private func push(_ blobs: [BlobUploader.Blob]) async throws(RegistryError) -> Report {
        let uploader = BlobUploader(client: client, repository: repository, retrying: retrying, sizing: sizing)
        let mountSource = mountSource, ledger = ledger, registry = client.registry, repository = repository
        @Sendable func pushOne(_ blob: BlobUploader.Blob) async throws(RegistryError) -> BlobUploader.Outcome {
            guard let ledger else { return try await uploader.push(blob, mountSource: mountSource) }
            let source = await ledger.claim(blob.digest, registry: registry, repository: repository)
            do {
                let outcome = try await uploader.push(blob, mountSource: source ?? mountSource)
                await ledger.finished(blob.digest, registry: registry, repository: repository, stored: true)
                return outcome
            } catch {
                await ledger.finished(blob.digest, registry: registry, repository: repository, stored: false)
                throw error
            }
        }
        var report = Report()
        var failure: RegistryError?
        await withTaskGroup(of: (BlobUploader.Blob, Result<BlobUploader.Outcome, RegistryError>).self) { group in
            var waiting = blobs[...]
            for _ in 0..<Self.concurrentUploads {
                guard let blob = waiting.popFirst() else { break }
                group.addTask { await (blob, Self.outcome { () async throws(RegistryError) in try await pushOne(blob) }) }
            }
            for await (blob, result) in group {
                switch result {
                case .success(let outcome):
                    report.count(outcome, size: blob.size)
                    if failure == nil, let next = waiting.popFirst() {
                        group.addTask { await (next, Self.outcome { () async throws(RegistryError) in try await pushOne(next) }) }
                    }
                case .failure(let error):
                    if failure == nil { failure = error }
                    waiting.removeAll()
                    group.cancelAll()
                }
            }
        }
        if let failure { throw failure }
        return report
    }

    private static func outcome(_ body: () async throws(RegistryError) -> BlobUploader.Outcome) async -> Result<BlobUploader.Outcome, RegistryError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    /// The platform images `tag` points to now, or nil when the tag does not exist. A HEAD
    /// first: a tag that already names `expected` (a re-run) needs no GET.
    public func platformDigests(ofTag tag: String, expected: (digest: Digest, platforms: Set<Digest>)? = nil) async throws(RegistryError) -> Set<Digest>? {
        let current = try await retrying.run("\(client.registry): check tag \(tag)") { () async throws(RegistryError) -> Digest? in
            try await client.manifestDigest(repository: repository, reference: tag)
        }
        guard let current else { return nil }
        if let expected, current == expected.digest { return expected.platforms }
        let fetched = try await retrying.run("\(client.registry): read tag \(tag)") { () async throws(RegistryError) -> RegistryClient.Fetched in
            try await client.manifest(repository: repository, reference: tag)
        }
        return fetched.platformImages
    }
}

extension RegistryPublisher.Report {
    /// Counts one blob's outcome.
    mutating func count(_ outcome: BlobUploader.Outcome, size: Int) {
        switch outcome {
        case .present: present += 1
        case .mounted: mounted += 1
        case .uploaded(let chunks):
            uploaded += 1
            bytes += size
            if chunks > 0 { chunked += 1 }
        }
    }
}
