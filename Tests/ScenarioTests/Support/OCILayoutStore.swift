import BuildActionCore
import Foundation

/// An OCI image layout directory being written: `oci-layout`, content-addressed files under
/// `blobs/sha256/`, and `index.json` naming the built image.
/// https://github.com/opencontainers/image-spec/blob/main/image-layout.md
struct OCILayoutStore {
    let directory: String

    /// Creates the directory and `oci-layout` (an existing layout is replaced, as buildx does).
    func prepare() throws {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory + "/blobs/sha256", withIntermediateDirectories: true)
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/oci-layout"))
    }

    /// Stores `data`; returns its descriptor (`mediaType`, `digest`, `size`).
    func put(_ data: Data, mediaType: String) throws -> [String: Any] {
        let digest = ContentDigest.of(data)
        try data.write(to: URL(fileURLWithPath: directory + "/blobs/sha256/" + digest.dropFirst(7)))
        return ["mediaType": mediaType, "digest": digest, "size": data.count]
    }

    /// Writes `index.json` with one entry.
    func writeIndex(_ entry: [String: Any]) throws {
        let index: [String: Any] = ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [entry]]
        try FakeBuildKit.json(index).write(to: URL(fileURLWithPath: directory + "/index.json"))
    }
}
