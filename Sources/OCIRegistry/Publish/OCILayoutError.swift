import BuildActionCore

/// A build output (the OCI image layout buildx wrote) that cannot be read back: a file missing
/// or unreadable, a document that is not what its digest names, or an index naming no image.
/// Pushing wraps it as a `RegistryError` with code `LAYOUT`, which no retry fixes.
public enum OCILayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file of the layout could not be read; `reason` is the system's.
    case unreadable(path: String, reason: String)
    /// A document's bytes do not hash to the digest it is stored under.
    case digestMismatch(path: String, digest: Digest)
    /// A blob's size could not be read.
    case sizeUnknown(path: String)
    /// `index.json` lists no image.
    case noImage(directory: String)
    /// A manifest of the image cannot be read.
    case manifest(ManifestError)

    /// What went wrong, naming the file.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .digestMismatch(let path, let digest): "\(path) does not match \(digest)"
        case .sizeUnknown(let path): "cannot read the size of \(path)"
        case .noImage(let directory): "\(directory)/index.json names no image"
        case .manifest(let error): error.description
        }
    }
}
