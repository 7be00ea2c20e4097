import BuildActionCore
import Foundation
import SocketHTTP

extension RegistryClient {
    /// Whether the repository has the blob (`HEAD /v2/<repository>/blobs/<digest>`): 200 yes,
    /// 404 no, and a redirect yes: Docker Hub, and distribution on S3, GCS or Azure, send an
    /// existing blob's HEAD to a presigned storage URL (which is signed for one method, so it is
    /// not followed).
    public func hasBlob(repository: String, digest: Digest) async throws(RegistryError) -> Bool {
        let path = "/v2/\(repository)/blobs/\(digest)"
        let response = try await send(RegistryRequest("HEAD", path, scope: .push(repository)))
        switch response.status {
        case 200, 301, 302, 303, 307, 308: return true
        case 404: return false
        default: throw failure(response, "HEAD \(path)")
        }
    }

    /// Opens an upload (`POST /v2/<repository>/blobs/uploads/`), first trying to mount the blob
    /// from `source` of this registry. A mount refused in any way (202, 401, 403, 404, an
    /// error, a token server that will not grant `pull` on the source) falls back to a plain
    /// upload, as go-containerregistry and containers/image do; a 202 answer to the mount is
    /// used as the upload session.
    public func startUpload(repository: String, digest: Digest, mountFrom source: String?) async throws(RegistryError) -> UploadStart {
        let path = "/v2/\(repository)/blobs/uploads/"
        var refused: String?
        if let source {
            let mount = "\(path)?mount=\(digest.algorithm)%3A\(digest.encoded)&from=\(source)"
            do {
                let response = try await send(RegistryRequest("POST", mount, scope: .push(repository).merging(.pull(source)), body: .bytes(Data())))
                if response.status == 201 { return .mounted }
                refused = "mount from \(source) answered \(response.status)\(RegistryErrorBody(response.body).text)"
                if response.status == 202, let session = try? session(from: response, of: path) {
                    return .session(session, mountRefused: refused)
                }
            } catch {
                refused = "mount from \(source) failed: \(error.message)"
            }
        }
        let response = try await send(RegistryRequest("POST", path, scope: .push(repository), body: .bytes(Data())))
        guard response.status == 202 else { throw failure(response, "POST \(path)") }
        return .session(try session(from: response, of: path), mountRefused: refused)
    }

    /// Uploads the whole blob in the commit itself (`PUT <location>?digest=`), streamed from
    /// the file. The registry must report the digest sent.
    public func putBlob(_ session: UploadSession, digest: Digest, from region: FileRegion) async throws(RegistryError) {
        let response = try await send(RegistryRequest("PUT", session.committing(digest), scope: .push(Self.repository(of: session)),
                                                      contentType: "application/octet-stream", body: .file(region)))
        try checkCommit(response, digest: digest)
    }

    /// Sends one chunk (`PATCH <location>` with `Content-Range: <first>-<last>`); returns the
    /// next location and how many bytes the registry now holds (its `Range`, else what was sent).
    public func patchBlob(_ session: UploadSession, _ region: FileRegion) async throws(RegistryError) -> (UploadSession, Int) {
        let range = "\(region.offset)-\(region.offset + region.length - 1)"
        let response = try await send(RegistryRequest("PATCH", session.location, scope: .push(Self.repository(of: session)),
                                                      contentType: "application/octet-stream", headers: [("Content-Range", range)], body: .file(region)))
        guard response.status == 202 else { throw failure(response, "PATCH <upload> (bytes \(range))") }
        let next = (try? self.session(from: response, of: session.location, minimum: session.minimumChunk)) ?? session
        return (next, Self.heldBytes(response) ?? region.offset + region.length)
    }

    /// How many bytes an upload holds (`GET <location>`: 204 with `Range: 0-<last>`).
    public func uploadedBytes(_ session: UploadSession) async throws(RegistryError) -> Int {
        let response = try await send(RegistryRequest("GET", session.location, scope: .push(Self.repository(of: session))))
        guard response.status == 204 || response.status == 202 || response.status == 200 else {
            throw failure(response, "GET <upload status>")
        }
        return Self.heldBytes(response) ?? 0
    }

    /// Completes a chunked upload (`PUT <location>?digest=`, no body). The registry stores
    /// `size` bytes before answering, so the wait for it grows with the size.
    public func commitBlob(_ session: UploadSession, digest: Digest, size: Int) async throws(RegistryError) {
        let response = try await send(RegistryRequest("PUT", session.committing(digest), scope: .push(Self.repository(of: session)),
                                                      contentType: "application/octet-stream", body: .bytes(Data()), storedBytes: size))
        try checkCommit(response, digest: digest)
    }

    private func checkCommit(_ response: HTTPResponse, digest: Digest) throws(RegistryError) {
        guard response.status == 201 else { throw failure(response, "PUT <upload>?digest=\(digest.short)") }
        if let stored = response.header("Docker-Content-Digest"), stored != digest.description {
            throw RegistryError(status: 201, code: "DIGEST_MISMATCH", message: "\(registry): the upload of \(digest) was stored as \(stored)")
        }
    }

    /// The session a 202 names: its `Location` (relative or absolute, on this registry).
    private func session(from response: HTTPResponse, of path: String, minimum: Int? = nil) throws(RegistryError) -> UploadSession {
        guard let location = response.header("Location"),
              let url = URL(string: location, relativeTo: URL(string: origin + path))?.absoluteURL
        else { throw RegistryError(status: response.status, message: "\(registry): an upload answer without a Location") }
        guard Self.origin(of: url) == origin else {
            throw RegistryError(status: response.status, message: "\(registry): the upload location \(location) is on another host")
        }
        let stated = response.header("OCI-Chunk-Min-Length").flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return UploadSession(location: Self.pathAndQuery(url), minimumChunk: stated ?? minimum)
    }

    /// `Range: 0-<last>` as a byte count. Distribution answers `0-0` for an empty upload too,
    /// so that means nothing held (chunks are never a single byte).
    static func heldBytes(_ response: HTTPResponse) -> Int? {
        guard let range = response.header("Range"), let dash = range.lastIndex(of: "-"),
              let last = Int(String(range[range.index(after: dash)...]).trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return last == 0 ? 0 : last + 1
    }

    /// The repository an upload location belongs to (`/v2/<name>/blobs/uploads/...`), for scopes.
    static func repository(of session: UploadSession) -> String {
        let path = session.location.split(separator: "?").first.map(String.init) ?? session.location
        guard path.hasPrefix("/v2/"), let range = path.range(of: "/blobs/uploads") else { return "" }
        return String(path[path.index(path.startIndex, offsetBy: 4)..<range.lowerBound])
    }
}
