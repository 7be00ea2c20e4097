import BuildActionCore
import Foundation
import JavaScriptCompat

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
    public func path(of digest: Digest) -> String {
        "\(directory)/blobs/\(digest.algorithm)/\(digest.encoded)"
    }

    /// The bytes of a (small) document, checked against its digest.
    public func read(_ digest: Digest) throws(OCILayoutError) -> Data {
        let file = path(of: digest)
        let data = try contents(file)
        guard Digest.sha256(of: data) == digest else { throw .digestMismatch(path: file, digest: digest) }
        return data
    }

    /// A blob's file and size, without reading it (it is hashed while it is uploaded).
    func blob(_ digest: Digest) throws(OCILayoutError) -> BlobUploader.Blob {
        let file = path(of: digest)
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: file)
        } catch {
            throw .unreadable(path: file, reason: SystemErrorReason.of(error))
        }
        guard let size = (attributes[.size] as? NSNumber)?.intValue else { throw .sizeUnknown(path: file) }
        return BlobUploader.Blob(digest: digest, path: file, size: size)
    }

    /// The `os/architecture[/variant]` an image configuration in the layout names.
    public func configPlatform(_ digest: Digest) -> String? {
        (try? read(digest)).flatMap(ImageManifest.platform(ofConfig:))
    }

    /// The labels of `image`'s first platform image's configuration (empty when unreadable).
    public func configLabels(of image: PushableImage) -> [String: String] {
        let documents = image.children.isEmpty ? [image.top] : image.children.filter { !$0.isAttestation }
        guard let first = documents.first, let manifest = try? ImageManifest(parsing: first.data, headerType: first.mediaType),
              let config = manifest.configDigest, let data = try? read(config) else { return [:] }
        return ImageManifest.labels(ofConfig: data)
    }

    /// The built image: the first entry of `index.json` and what it refers to.
    public func image() throws(OCILayoutError) -> PushableImage {
        let data = try contents(directory + "/index.json")
        let index: JSONValue
        do {
            index = try JSONValue(parsingManifest: data)
        } catch {
            throw .manifest(error)
        }
        guard case .array(let entries)? = index["manifests"], let top = entries.first, let text = top["digest"]?.stringValue else {
            throw .noImage(directory: directory)
        }
        guard let digest = Digest(text) else { throw .manifest(.invalidDigest(text)) }
        do {
            return try PushableImage(top: read(digest), mediaType: top["mediaType"]?.stringValue, read: read)
        } catch let error as OCILayoutError {
            throw error
        } catch let error as ManifestError {
            throw .manifest(error)
        } catch {
            // Not reached: `read` throws only OCILayoutError, PushableImage only ManifestError.
            throw .unreadable(path: path(of: digest), reason: String(describing: error))
        }
    }

    /// The bytes of the file at `path`.
    private func contents(_ path: String) throws(OCILayoutError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: SystemErrorReason.of(error))
        }
    }
}
