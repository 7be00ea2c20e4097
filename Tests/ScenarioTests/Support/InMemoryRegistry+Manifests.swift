import BuildActionCore
import BuildActionRuntime
import Foundation
import SocketHTTP

extension InMemoryRegistry {
    /// `PUT`, `GET` and `HEAD /v2/<name>/manifests/<reference>`.
    func manifest(_ request: HTTPRequest, repository: String, reference: String) throws -> HTTPResponse {
        if request.method == "PUT" { return try putManifest(request, repository: repository, reference: reference) }
        let isDigest = reference.hasPrefix("sha256:")
        let found = lock.withLock { () -> (String, Manifest)? in
            if !isDigest, let remaining = lagging["\(repository):\(reference)"], remaining > 0 {
                lagging["\(repository):\(reference)"] = remaining - 1
                return nil
            }
            let digest = isDigest ? reference : tagged[repository]?[reference]
            guard let digest, let manifest = manifests[repository]?[digest] else { return nil }
            return (digest, manifest)
        }
        guard let (digest, manifest) = found else {
            return Self.error(404, "MANIFEST_UNKNOWN", "manifest unknown", detail: isDigest ? ["Name": repository, "Revision": reference] : ["Tag": reference])
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", manifest.mediaType), ("Content-Length", String(manifest.data.count)), ("Docker-Content-Digest", digest)],
                            body: manifest.data)
    }

    private func putManifest(_ request: HTTPRequest, repository: String, reference: String) throws -> HTTPResponse {
        let data = try request.body?.received() ?? Data()
        let digest = ContentDigest.of(data)
        let contentType = request.headers.first { $0.0.lowercased() == "content-type" }?.1 ?? ""
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return Self.error(400, "MANIFEST_INVALID", "manifest invalid", detail: "not JSON")
        }
        if let declared = document["mediaType"] as? String, declared != contentType {
            return Self.error(400, "MANIFEST_INVALID", "manifest invalid", detail: "mediaType in manifest should be '\(contentType)' not '\(declared)'")
        }
        if reference.hasPrefix("sha256:"), reference != digest {
            return Self.error(400, "DIGEST_INVALID", "provided digest did not match uploaded content", detail: reference)
        }
        let entries = document["manifests"] as? [[String: Any]] ?? []
        let layers = document["layers"] as? [[String: Any]] ?? []
        let isAttestation = layers.contains { ($0["mediaType"] as? String) == "application/vnd.in-toto+json" }
            || entries.contains { (($0["annotations"] as? [String: String])?["vnd.docker.reference.type"]) == "attestation-manifest" }
        if profile.rejectsAttestations && isAttestation {
            return Self.error(400, "MANIFEST_INVALID", "manifest invalid", detail: "unknown manifest class for application/vnd.oci.empty.v1+json")
        }
        let referenced = ([document["config"] as? [String: Any]].compactMap { $0 } + layers).compactMap { $0["digest"] as? String }
        let children = entries.compactMap { $0["digest"] as? String }
        let outcome = lock.withLock { () -> HTTPResponse? in
            if let index = faults.firstIndex(where: { if case .blobUnknown = $0 { return true } else { return false } }),
               case .blobUnknown(let first) = faults[index], faultUses[index, default: 0] < first {
                faultUses[index, default: 0] += 1
                return Self.error(400, "BLOB_UNKNOWN", "blob unknown to registry", detail: referenced.first ?? children.first ?? digest)
            }
            if let missing = referenced.first(where: { links[repository]?.contains($0) != true }) {
                return Self.error(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", detail: missing)
            }
            if let missing = children.first(where: { manifests[repository]?[$0] == nil }) {
                return Self.error(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", detail: missing)
            }
            manifests[repository, default: [:]][digest] = Manifest(mediaType: contentType, data: data)
            if !reference.hasPrefix("sha256:") {
                tagged[repository, default: [:]][reference] = digest
                for fault in faults {
                    if case .tagLag(let reads, let tag) = fault, tag == nil || tag == reference { lagging["\(repository):\(reference)"] = reads }
                }
            }
            return nil
        }
        if let outcome { return outcome }
        return HTTPResponse(status: 201, headers: [("Location", location("/v2/\(repository)/manifests/\(digest)")), ("Docker-Content-Digest", digest)])
    }
}
