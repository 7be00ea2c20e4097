import BuildActionCore
import Foundation
import SocketHTTP
import Synchronization

/// Puts one blob of the OCI layout into a repository, streamed from its file and hashed while
/// it is read: a HEAD first (a redirect counts as present), then a mount from another
/// repository of the registry when there is one, else an upload in one request or in chunks
/// (see `ChunkSizing`). A chunked upload resumes from what the registry holds after a failure;
/// a commit that failed is checked with a HEAD before anything is sent again (a slow commit of
/// a big layer may have completed).
struct BlobUploader: Sendable {
    /// One blob in the layout.
    struct Blob: Sendable {
        let digest: Digest
        let path: String
        let size: Int
    }

    /// What happened to a blob.
    enum Outcome: Sendable, Equatable {
        case present
        case mounted
        case uploaded(chunks: Int)
    }

    let client: RegistryClient
    let repository: String
    let retrying: Retrying
    /// The sizing this registry has shown it needs, shared by the blobs pushed at once.
    let sizing: SharedChunkSizing

    /// Makes sure the repository has `blob`, mounting it from `mountSource` when possible.
    func push(_ blob: Blob, mountSource: String?) async throws(RegistryError) -> Outcome {
        let short = blob.digest.short
        let present = try await retrying.run("\(client.registry): check blob \(short)") { () async throws(RegistryError) -> Bool in
            try await client.hasBlob(repository: repository, digest: blob.digest)
        }
        if present { return .present }
        var mount = mountSource
        var checkFirst = false
        return try await retrying.run("\(client.registry): upload blob \(short) (\(blob.size) bytes)") { () async throws(RegistryError) -> Outcome in
            // A retry: the failed attempt's commit may have been stored after all.
            if checkFirst, try await client.hasBlob(repository: repository, digest: blob.digest) { return .present }
            checkFirst = true
            let start = try await client.startUpload(repository: repository, digest: blob.digest, mountFrom: mount)
            mount = nil
            guard case .session(let session, _) = start else { return .mounted }
            return .uploaded(chunks: try await upload(blob, session: session))
        }
    }

    /// Uploads through `session`, in one request or in chunks; a refusal as too large switches
    /// to smaller chunks from a new session. Returns the number of chunks (0: one request).
    private func upload(_ blob: Blob, session: UploadSession) async throws(RegistryError) -> Int {
        var session = session
        while true {
            let current = sizing.value
            do throws(UploadFailure) {
                guard let chunk = current.chunk(forBlobOf: blob.size, registryMinimum: session.minimumChunk) else {
                    try await uploadWhole(blob, session: session)
                    return 0
                }
                return try await uploadChunks(blob, session: session, chunk: chunk)
            } catch {
                guard case .tooLarge(let bytes, let refusal) = error else {
                    if case .registry(let failure) = error { throw failure }
                    return 0
                }
                guard let smaller = current.shrinking(afterRefusing: bytes, message: refusal.message, registryMinimum: session.minimumChunk) else {
                    throw refusal.adding("; no smaller chunk is allowed")
                }
                sizing.update(smaller)
                guard case .session(let fresh, _) = try await client.startUpload(repository: repository, digest: blob.digest, mountFrom: nil) else { return 0 }
                session = fresh
            }
        }
    }

    /// Why an upload through one session stopped.
    private enum UploadFailure: Error {
        /// The registry failed the upload.
        case registry(RegistryError)
        /// The registry refused a request of this many bytes as too large.
        case tooLarge(Int, RegistryError)
    }

    private func uploadWhole(_ blob: Blob, session: UploadSession) async throws(UploadFailure) {
        let digest = StreamingDigest(path: blob.path)
        do {
            try await client.putBlob(session, digest: blob.digest, from: FileRegion(path: blob.path, length: blob.size, observer: digest))
        } catch where Self.isSizeRefusal(error) {
            throw .tooLarge(blob.size, error)
        } catch {
            throw .registry(contentCheck(blob, digest, sent: blob.size) ?? error)
        }
    }

    /// Sends the chunks, resuming from the registry's offset after a transient failure or a
    /// 416, then commits.
    private func uploadChunks(_ blob: Blob, session: UploadSession, chunk: Int) async throws(UploadFailure) -> Int {
        var session = session
        var offset = 0
        var chunks = 0
        var outOfOrder = 0
        let digest = StreamingDigest(path: blob.path)
        while offset < blob.size {
            let length = min(chunk, blob.size - offset)
            var resync = false
            do {
                try await retrying.run("\(client.registry): upload bytes \(offset)-\(offset + length - 1) of \(blob.digest.short)") { () async throws(RegistryError) in
                    if resync { offset = try await client.uploadedBytes(session) }
                    resync = true
                    let region = FileRegion(path: blob.path, offset: offset, length: min(chunk, blob.size - offset), observer: digest)
                    (session, offset) = try await client.patchBlob(session, region)
                }
                chunks += 1
            } catch where Self.isSizeRefusal(error) {
                throw .tooLarge(length, error)
            } catch where error.status == 416 {
                // Out of order: continue from what the registry holds (a few times, not forever).
                outOfOrder += 1
                guard outOfOrder <= 3 else { throw .registry(error.adding(" (the registry keeps refusing the chunk's range)")) }
                do {
                    offset = try await client.uploadedBytes(session)
                } catch {
                    throw .registry(error)
                }
            } catch {
                throw .registry(error)
            }
        }
        if let mismatch = contentCheck(blob, digest, sent: blob.size) { throw .registry(mismatch) }
        do {
            try await retrying.run("\(client.registry): commit \(blob.digest.short)") { () async throws(RegistryError) in
                try await client.commitBlob(session, digest: blob.digest, size: blob.size)
            }
        } catch {
            throw .registry(error)
        }
        return chunks
    }

    /// A layout file that does not hash to its digest (the registry would refuse it anyway).
    private func contentCheck(_ blob: Blob, _ digest: StreamingDigest, sent: Int) -> RegistryError? {
        guard digest.position == sent else { return nil }
        let actual = digest.finalize()
        guard actual != blob.digest.description else { return nil }
        return RegistryError(status: nil, code: "LAYOUT", message: "the build output's \(blob.path) hashes to \(actual), not to its name \(blob.digest): the OCI layout is damaged")
    }

    /// 413, or 416 "too large"/"exceeds" (GHCR's per-request limit).
    static func isSizeRefusal(_ error: RegistryError) -> Bool {
        let message = error.message.lowercased()
        return error.status == 413 || (error.status == 416 && (message.contains("too large") || message.contains("exceeds")))
    }
}

/// A registry's chunk sizing, learned by one blob and used by the others pushed at once.
final class SharedChunkSizing: Sendable {
    private let state: Mutex<ChunkSizing>

    /// Starts with `initial`.
    init(_ initial: ChunkSizing) {
        state = Mutex(initial)
    }

    /// The current sizing.
    var value: ChunkSizing { state.withLock { $0 } }

    /// Keeps `smaller` unless another blob learned a smaller chunk already.
    func update(_ smaller: ChunkSizing) {
        state.withLock { current in
            if smaller.singleRequestLimit < current.singleRequestLimit || smaller.chunkSize < current.chunkSize { current = smaller }
        }
    }
}
