import BuildActionCore
import Foundation

/// An OCI image layout directory as `buildx build --output type=oci,tar=false` writes it:
/// `index.json` naming the built image, and every blob under `blobs/sha256/`.
public struct OCILayout: Sendable {
    /// The layout directory.
    public let directory: String

    /// A layout at `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file holding `digest`.
    public func path(of digest: String) -> String {
        let parts = digest.split(separator: ":", maxSplits: 1)
        return "\(directory)/blobs/\(parts.first ?? "sha256")/\(parts.last ?? "")"
    }

    /// The bytes of a (small) document, checked against its digest.
    public func read(_ digest: String) throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(of: digest)))
        guard SHA256.digest(data) == digest else { throw RuntimeError("\(path(of: digest)) does not match \(digest)") }
        return data
    }

    /// A blob's file and size, without reading it (it is hashed while it is uploaded).
    func blob(_ digest: String) throws -> BlobUploader.Blob {
        let file = path(of: digest)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        guard let size = (attributes[.size] as? NSNumber)?.intValue else { throw RuntimeError("cannot read the size of \(file)") }
        return BlobUploader.Blob(digest: digest, path: file, size: size)
    }

    /// The `os/architecture[/variant]` an image configuration in the layout names.
    public func configPlatform(_ digest: String) -> String? {
        (try? read(digest)).flatMap(ImageManifest.platform(ofConfig:))
    }

    /// The built image: the first entry of `index.json` and what it refers to.
    public func image() throws -> PushableImage {
        let index = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: directory + "/index.json")))
        guard case .array(let entries)? = index["manifests"], let top = entries.first, let digest = top["digest"]?.stringValue else {
            throw RuntimeError("\(directory)/index.json names no image")
        }
        return try PushableImage(top: read(digest), mediaType: top["mediaType"]?.stringValue, read: read)
    }
}
