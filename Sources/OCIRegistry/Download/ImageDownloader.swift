import BuildActionCore
import Foundation
import Glibc

/// Downloads one image from a repository into a fresh OCI image layout (what `OCILayout` reads
/// and `RegistryPublisher` pushes): the index (or single manifest) by digest, every manifest it
/// lists (platform images and attestations), then every configuration and layer blob, three at
/// a time. Each manifest must hash to the digest it is asked by; each blob is written to its
/// file in `Range` pieces of `pieceSize` bytes (never a whole layer in memory), hashed while it
/// is written, and only named by its digest once the whole file matches. Every request is
/// retried on its own when it fails transiently; a piece that failed is asked again from where
/// the file ends.
public struct ImageDownloader: Sendable {
    /// The registry's client.
    public let client: RegistryClient
    /// The repository (`openimsdk/openkf-server`).
    public let repository: String
    /// The retry behaviour.
    public let retrying: Retrying
    /// Bytes asked for in one `Range` request.
    public let pieceSize: Int

    /// Blobs downloaded from one registry at once.
    public static let concurrentDownloads = 3
    /// The default piece: 16 MiB (three downloads at once hold at most 48 MiB).
    public static let defaultPieceSize = 16 << 20

    /// A downloader; see the properties.
    public init(client: RegistryClient, repository: String, retrying: Retrying, pieceSize: Int = Self.defaultPieceSize) {
        self.client = client
        self.repository = repository
        self.retrying = retrying
        self.pieceSize = max(1, pieceSize)
    }

    /// What a download fetched.
    public struct Report: Sendable, Equatable {
        /// Manifests fetched (the index included).
        public var manifests = 0
        /// Blobs fetched.
        public var blobs = 0
        /// Blob bytes written.
        public var bytes = 0

        /// Nothing counted yet.
        public init() {}
    }

    /// Downloads the image `digest` names into the layout `directory` (created; it must not hold
    /// another layout) and returns it as read back from there.
    public func download(_ digest: Digest, into directory: String) async throws(RegistryError) -> (layout: OCILayout, image: PushableImage, report: Report) {
        let layout = OCILayout(directory: directory)
        var report = Report()
        try local("create \(directory)") {
            try FileManager.default.createDirectory(atPath: directory + "/blobs/sha256", withIntermediateDirectories: true)
        }
        let top = try await manifest(digest)
        report.manifests += 1
        try store(top.data, as: digest, in: layout)
        for entry in top.manifest.entries {
            let child = try await manifest(entry.digest)
            report.manifests += 1
            try store(child.data, as: entry.digest, in: layout)
        }
        let image: PushableImage
        do {
            image = try PushableImage(top: top.data, mediaType: top.manifest.mediaType, read: layout.read)
        } catch {
            throw RegistryError(status: nil, code: "LAYOUT", message: "\(client.registry): the image \(digest.short) cannot be read back: \(error)")
        }
        try await fetchAll(image.blobs, into: layout, report: &report)
        let index = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"\#(top.manifest.mediaType)","digest":"\#(digest)","size":\#(top.data.count)}]}"#
        try local("write the layout") {
            try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/oci-layout"))
            try Data(index.utf8).write(to: URL(fileURLWithPath: directory + "/index.json"))
        }
        return (layout, image, report)
    }

    /// A manifest by digest, which its bytes must hash to.
    private func manifest(_ digest: Digest) async throws(RegistryError) -> RegistryClient.Fetched {
        let fetched = try await retrying.run("\(client.registry): read manifest \(digest.short)") { () async throws(RegistryError) -> RegistryClient.Fetched in
            try await client.manifest(repository: repository, reference: digest.description)
        }
        guard fetched.bodyDigest == digest else {
            throw RegistryError(status: 200, code: "DIGEST_MISMATCH", message: "\(client.registry): the manifest \(digest) it served hashes to \(fetched.bodyDigest)")
        }
        return fetched
    }

    /// Writes a document under its digest.
    private func store(_ data: Data, as digest: Digest, in layout: OCILayout) throws(RegistryError) {
        try local("write \(digest.short)") { try data.write(to: URL(fileURLWithPath: layout.path(of: digest))) }
    }

    /// Every blob, `concurrentDownloads` at a time; the first failure stops the others.
    private func fetchAll(_ blobs: [Digest], into layout: OCILayout, report: inout Report) async throws(RegistryError) {
        var failure: RegistryError?
        var counted = report
        await withTaskGroup(of: Result<Int, RegistryError>.self) { group in
            var waiting = blobs[...]
            func start(_ digest: Digest) {
                group.addTask {
                    do throws(RegistryError) {
                        return .success(try await fetch(digest, to: layout.path(of: digest)))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for _ in 0..<Self.concurrentDownloads {
                guard let next = waiting.popFirst() else { break }
                start(next)
            }
            for await result in group {
                switch result {
                case .success(let bytes):
                    counted.blobs += 1
                    counted.bytes += bytes
                    if failure == nil, let next = waiting.popFirst() { start(next) }
                case .failure(let error):
                    if failure == nil { failure = error }
                    waiting.removeAll()
                    group.cancelAll()
                }
            }
        }
        if let failure { throw failure }
        report = counted
    }

    /// One blob into `path`, piece by piece, hashed as it is written; returns its size.
    func fetch(_ digest: Digest, to path: String) async throws(RegistryError) -> Int {
        let partial = path + ".partial"
        let file = BlobFile(path: partial)
        try file.open(registry: client.registry)
        defer { file.close() }
        var hash = StreamingDigest(path: partial)
        var total: Int?
        while total.map({ file.size < $0 }) ?? true {
            let offset = file.size
            let range = "bytes=\(offset)-\(offset + pieceSize - 1)"
            let response = try await retrying.run("\(client.registry): read blob \(digest.short) (\(range))") { () async throws(RegistryError) -> HTTPPiece in
                try await piece(digest, range: range, from: offset)
            }
            if response.whole {
                // The registry ignored Range (or the blob is empty): the body is the whole blob.
                try file.truncate(registry: client.registry)
                hash = StreamingDigest(path: partial)
                total = response.body.count
            } else {
                total = response.total ?? (response.body.count < pieceSize ? offset + response.body.count : nil)
            }
            let at = file.size
            try file.append(response.body, registry: client.registry)
            let hashing = hash
            let hashFailure = response.body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
                do {
                    try hashing.feed(bytes, at: at)
                    return nil
                } catch {
                    return String(describing: error)
                }
            }
            if let hashFailure { throw RegistryError(status: nil, code: "LAYOUT", message: "cannot hash \(partial): \(hashFailure)") }
            if response.body.isEmpty && !response.whole { break }
        }
        let written = hash.finalize()
        guard written == digest.description else {
            unlink(partial)
            throw RegistryError(status: 200, code: "DIGEST_MISMATCH", message: "\(client.registry): the blob \(digest) it served hashes to \(written)")
        }
        guard rename(partial, path) == 0 else {
            throw RegistryError(status: nil, code: "LAYOUT", message: "cannot rename \(partial): \(String(cString: strerror(errno)))")
        }
        return file.size
    }

    /// One answer to a `Range` request.
    struct HTTPPiece: Sendable {
        let body: Data
        /// The blob's size from `Content-Range`, when it says.
        let total: Int?
        /// The answer is the whole blob (200), not a piece (206).
        let whole: Bool
    }

    /// `GET` of one piece from `offset`: 206 with a `Content-Range` starting there, or 200 (the
    /// whole blob). 416 at the start is an empty blob: asked again without `Range`.
    private func piece(_ digest: Digest, range: String, from offset: Int) async throws(RegistryError) -> HTTPPiece {
        let response = try await client.getBlob(repository: repository, digest: digest, headers: [("Range", range)])
        let what = "GET /v2/\(repository)/blobs/\(digest.short) (\(range))"
        switch response.status {
        case 200:
            return HTTPPiece(body: response.body, total: response.body.count, whole: true)
        case 206:
            guard let stated = response.header("Content-Range").flatMap(Self.contentRange), stated.first == offset else {
                throw RegistryError(status: 206, message: "\(client.registry): \(what) answered another range (\(response.header("Content-Range") ?? "no Content-Range"))")
            }
            return HTTPPiece(body: response.body, total: stated.total, whole: false)
        case 416 where offset == 0:
            let plain = try await client.getBlob(repository: repository, digest: digest)
            guard plain.status == 200 else { throw await client.failure(plain, "GET /v2/\(repository)/blobs/\(digest.short)") }
            return HTTPPiece(body: plain.body, total: plain.body.count, whole: true)
        default:
            throw await client.failure(response, what)
        }
    }

    /// `bytes <first>-<last>/<total|*>` as its first byte and total.
    static func contentRange(_ value: String) -> (first: Int, total: Int?)? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes ") else { return nil }
        let parts = text.dropFirst(6).split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let dash = parts[0].firstIndex(of: "-"), let first = Int(parts[0][..<dash].trimmingCharacters(in: .whitespaces)) else { return nil }
        return (first, Int(parts[1].trimmingCharacters(in: .whitespaces)))
    }

    /// `body`, its local failure as a `LAYOUT` error (no retry fixes a full disk).
    private func local(_ what: String, _ body: () throws -> Void) throws(RegistryError) {
        do {
            try body()
        } catch {
            throw RegistryError(status: nil, code: "LAYOUT", message: "cannot \(what): \(SystemErrorReason.of(error))")
        }
    }
}

/// The file a blob is written to, appended to piece by piece.
private final class BlobFile: @unchecked Sendable {
    let path: String
    private var descriptor: Int32 = -1
    private(set) var size = 0

    init(path: String) {
        self.path = path
    }

    func open(registry: String) throws(RegistryError) {
        descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create") }
    }

    func truncate(registry: String) throws(RegistryError) {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else { throw failure("cannot truncate") }
        size = 0
    }

    func append(_ data: Data, registry: String) throws(RegistryError) {
        let failed = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            var done = 0
            while done < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return true }
                done += count
            }
            return false
        }
        if failed { throw failure("cannot write") }
        size += data.count
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    private func failure(_ what: String) -> RegistryError {
        RegistryError(status: nil, code: "LAYOUT", message: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
