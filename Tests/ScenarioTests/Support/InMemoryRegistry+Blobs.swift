import BuildActionCore
import BuildActionRuntime
import Foundation
import SocketHTTP

extension InMemoryRegistry {
    /// `HEAD`/`GET /v2/<name>/blobs/<digest>`: 200, 404, or a 307 to presigned storage.
    func blob(_ request: HTTPRequest, repository: String, digest: String) -> HTTPResponse {
        let data = lock.withLock { links[repository]?.contains(digest) == true ? blobs[digest] : nil }
        guard let data else { return Self.error(404, "BLOB_UNKNOWN", "blob unknown to registry", detail: digest) }
        if let storage = profile.storageHost {
            let hex = digest.dropFirst(7)
            let location = "https://\(storage)/registry-v2/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data?verify=1793534400-presigned"
            return HTTPResponse(status: 307, headers: [("Location", location), ("Docker-Content-Digest", digest)])
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream"), ("Content-Length", String(data.count)), ("Docker-Content-Digest", digest)],
                            body: data)
    }

    /// `POST /v2/<name>/blobs/uploads/`, mounting from `from` when asked and allowed.
    func startUpload(_ request: HTTPRequest, repository: String) throws -> HTTPResponse {
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        if let digest = items.first(where: { $0.name == "mount" })?.value, let source = items.first(where: { $0.name == "from" })?.value, profile.mounts,
           mayPull(source, request) {
            let mounted = lock.withLock { () -> Bool in
                guard links[source]?.contains(digest) == true else { return false }
                links[repository, default: []].insert(digest)
                return true
            }
            if mounted {
                return HTTPResponse(status: 201, headers: [("Location", location("/v2/\(repository)/blobs/\(digest)")), ("Docker-Content-Digest", digest)])
            }
        }
        let id = lock.withLock { () -> String in
            counter += 1
            let id = "upload-\(counter)"
            uploads[id] = Upload(repository: repository, data: Data())
            return id
        }
        return HTTPResponse(status: 202, headers: [("Location", location("/v2/\(repository)/blobs/uploads/\(id)?_state=\(id)-0")),
                                                   ("Range", "0-0"), ("Docker-Upload-UUID", id)])
    }

    /// `PATCH`, `PUT ?digest=` and `GET` of an upload session.
    func continueUpload(_ request: HTTPRequest, repository: String, id: String) throws -> HTTPResponse {
        guard let upload = lock.withLock({ uploads[id] }), upload.repository == repository else {
            return Self.error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry")
        }
        let held = upload.data.count
        switch request.method {
        case "GET":
            return HTTPResponse(status: 204, headers: [("Range", "0-\(max(held - 1, 0))"), ("Docker-Upload-UUID", id)])
        case "PATCH":
            let body = try request.body?.received() ?? Data()
            if let range = request.headers.first(where: { $0.0.lowercased() == "content-range" })?.1 {
                let first = Int(range.split(separator: "-").first ?? "") ?? -1
                guard first == held else {
                    return Self.error(416, "BLOB_UPLOAD_INVALID", "Requested range not satisfiable", headers: [("Range", "0-\(max(held - 1, 0))")])
                }
            }
            let total = lock.withLock { () -> Int in
                uploads[id]?.data.append(body)
                return uploads[id]?.data.count ?? 0
            }
            return HTTPResponse(status: 202, headers: [("Location", location("/v2/\(repository)/blobs/uploads/\(id)?_state=\(id)-\(total)")),
                                                       ("Range", "0-\(max(total - 1, 0))"), ("Docker-Upload-UUID", id)])
        case "PUT":
            let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            guard let digest = items.first(where: { $0.name == "digest" })?.value else {
                return Self.error(400, "DIGEST_INVALID", "provided digest did not match uploaded content")
            }
            let body = try request.body?.received() ?? Data()
            let data = upload.data + body
            guard ContentDigest.of(data) == digest else {
                return Self.error(400, "DIGEST_INVALID", "provided digest did not match uploaded content", detail: digest)
            }
            lock.withLock {
                uploads[id] = nil
                blobs[digest] = data
                links[repository, default: []].insert(digest)
            }
            let reported = lock.withLock { faults.contains(.wrongUploadDigest) } ? ContentDigest.of(Data(("altered " + digest).utf8)) : digest
            return HTTPResponse(status: 201, headers: [("Location", location("/v2/\(repository)/blobs/\(digest)")), ("Docker-Content-Digest", reported)])
        default:
            return Self.error(405, "UNSUPPORTED", "The operation is unsupported.")
        }
    }

    /// Whether the request's credentials may pull `repository` (mount sources need that).
    private func mayPull(_ repository: String, _ request: HTTPRequest) -> Bool {
        guard case .bearer = profile.authentication else { return true }
        let header = request.headers.first { $0.0.lowercased() == "authorization" }?.1 ?? ""
        guard header.hasPrefix("Bearer ") else { return false }
        return lock.withLock { grants[String(header.dropFirst(7))]?.contains("\(repository):pull") == true }
    }

    /// A `Location` value: absolute on registries that answer so (Docker Hub).
    func location(_ path: String) -> String {
        profile.absoluteLocations ? "https://\(profile.apiHost)\(path)" : path
    }
}
